// The Markdown subset a message body is shown in, parsed into a plain tree the browser turns into
// elements (never into an HTML string). The body itself is stored as written; this only reads it.
import MarkdownIt from 'markdown-it';
import type { MarkdownIt as Parser, StateBlock, Token } from 'markdown-it';
import { parseBody } from './body';

export type InlineNode =
  | { type: 'text'; text: string }
  | { type: 'mention'; text: string; username: string }
  | { type: 'code'; text: string }
  | { type: 'strong' | 'em' | 'strike'; children: InlineNode[] }
  | { type: 'link'; href: string; children: InlineNode[] };

export type BlockNode =
  /** `tight`: a paragraph of a tight list item, shown without a paragraph of its own. */
  | { type: 'paragraph'; tight: boolean; children: InlineNode[] }
  | { type: 'codeBlock'; text: string; language: string | null }
  | { type: 'quote'; children: BlockNode[] }
  | { type: 'list'; ordered: boolean; start: number | null; items: BlockNode[][] };

/** Containers deeper than this (a quote is one level, a list item two) show the rest of their lines as text. */
const BLOCK_DEPTH = 10;
/** Emphasis, strong and strike inside this many others show their markers as text instead. */
const INLINE_DEPTH = 6;

const schemes = new Set(['http:', 'https:', 'mailto:']);

/** The href a link may have, or null: absolute http, https (with a host) and mailto URLs only. */
export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!schemes.has(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && !url.hostname) return null;
  return url.href;
}

/**
 * At BLOCK_DEPTH the rest of a container is one literal paragraph. markdown-it's own maxNesting
 * would drop those lines instead; it stays as the backstop for inline nesting.
 */
function deepLiteral(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (silent || state.level < BLOCK_DEPTH) return false;
  const token = state.push('deep_literal', '', 0);
  token.content = state.getLines(startLine, endLine, state.blkIndent, false).trimEnd();
  token.map = [startLine, endLine];
  state.line = endLine;
  return true;
}

function createParser(): Parser {
  // 'zero' enables only paragraphs and text; every other rule is named here. No headings, tables,
  // images, indented code, reference definitions, raw HTML or entities (`&lt;` stays as written).
  const md = new MarkdownIt('zero', { html: false, linkify: true, breaks: false, typographer: false, maxNesting: 20 });
  md.enable(['fence', 'blockquote', 'list', 'newline', 'escape', 'backticks', 'strikethrough', 'emphasis', 'link', 'autolink', 'linkify']);
  md.block.ruler.before('fence', 'deep_literal', deepLiteral);
  // Bare links need a scheme: "deploy.sh" or "next.js" is not a website.
  md.linkify.set({ fuzzyLink: false });
  md.validateLink = (url) => safeHref(url) !== null;
  // A link's text is what the author typed, not a decoded or punycode-converted form of it.
  md.normalizeLinkText = (text) => text;
  return md;
}

let parser: Parser | undefined;

/** Text with its @mentions, by the same rule the server finds them with. Links are markdown's job here. */
function textWithMentions(text: string, out: InlineNode[]) {
  for (const part of parseBody(text).parts) {
    if (part.kind === 'mention') out.push({ type: 'mention', text: part.text, username: part.username });
    else pushText(out, part.text);
  }
}

function pushText(out: InlineNode[], text: string) {
  const last = out.at(-1);
  if (last?.type === 'text') last.text += text;
  else if (text) out.push({ type: 'text', text });
}

const wrappers: Record<string, 'strong' | 'em' | 'strike'> = { strong_open: 'strong', em_open: 'em', s_open: 'strike' };

/** Inline tokens from `i` up to the close of the wrapper they are in (or the end); returns the index after it. */
function inline(tokens: Token[], i: number, out: InlineNode[], depth: number): number {
  while (i < tokens.length) {
    const token = tokens[i++];
    if (token.nesting === -1) {
      if (depth > INLINE_DEPTH && token.type !== 'link_close') pushText(out, token.markup);
      return i;
    }
    const wrapper = wrappers[token.type];
    if (wrapper && depth >= INLINE_DEPTH) {
      pushText(out, token.markup);
      i = inline(tokens, i, out, depth + 1);
    } else if (wrapper) {
      const node = { type: wrapper, children: [] as InlineNode[] };
      out.push(node);
      i = inline(tokens, i, node.children, depth + 1);
    } else if (token.type === 'link_open') {
      const href = safeHref(String(token.attrGet('href') ?? ''));
      const children: InlineNode[] = [];
      i = inline(tokens, i, children, depth);
      if (href) out.push({ type: 'link', href, children });
      else
        for (const child of children) {
          if (child.type === 'text') pushText(out, child.text);
          else out.push(child);
        }
    } else if (token.type === 'text') textWithMentions(token.content, out);
    else if (token.type === 'code_inline') out.push({ type: 'code', text: token.content });
    // A line break stays a newline in the text: the body is shown with its white space kept.
    else if (token.type === 'hardbreak' || token.type === 'softbreak') pushText(out, '\n');
    else if (token.content) pushText(out, token.content);
  }
  return i;
}

/** Block tokens from `i` up to the close of the container they are in (or the end); returns the index after it. */
function blocks(tokens: Token[], i: number, out: BlockNode[]): number {
  while (i < tokens.length) {
    const token = tokens[i++];
    switch (token.type) {
      case 'paragraph_open': {
        const children: InlineNode[] = [];
        inline(tokens[i].children ?? [], 0, children, 0);
        out.push({ type: 'paragraph', tight: token.hidden, children });
        i += 2; // the inline token and paragraph_close
        break;
      }
      case 'fence':
        out.push({ type: 'codeBlock', text: token.content.replace(/\n$/, ''), language: token.info.trim().split(/\s+/)[0] || null });
        break;
      case 'deep_literal': {
        const children: InlineNode[] = [];
        textWithMentions(token.content, children);
        out.push({ type: 'paragraph', tight: false, children });
        break;
      }
      case 'blockquote_open': {
        const node: BlockNode = { type: 'quote', children: [] };
        out.push(node);
        i = blocks(tokens, i, node.children);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const start = token.attrGet('start');
        const node: BlockNode = { type: 'list', ordered: token.type === 'ordered_list_open', start: start === null ? null : Number(start), items: [] };
        out.push(node);
        while (tokens[i]?.type === 'list_item_open') {
          const item: BlockNode[] = [];
          node.items.push(item);
          i = blocks(tokens, i + 1, item);
        }
        i++; // the list's close
        break;
      }
      default:
        if (token.nesting === -1) return i;
    }
  }
  return i;
}

/** A body as Markdown blocks. Links in it are checked (safeHref); nothing in it is HTML. */
export function parseMarkdown(body: string): BlockNode[] {
  parser ??= createParser();
  const out: BlockNode[] = [];
  blocks(parser.parse(body, {}), 0, out);
  return out;
}

function inlineText(nodes: InlineNode[]): string {
  return nodes.map((node) => ('children' in node ? inlineText(node.children) : node.text)).join('');
}

/** What a reader sees of a parsed body, as plain text: one line per paragraph, list item and code line. */
export function plainText(blocks: BlockNode[]): string {
  return blocks
    .map((block) => {
      if (block.type === 'paragraph') return inlineText(block.children);
      if (block.type === 'codeBlock') return block.text;
      if (block.type === 'quote') return plainText(block.children);
      return block.items.map(plainText).join('\n');
    })
    .join('\n');
}
