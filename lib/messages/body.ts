// A message body as people wrote it, split once into plain text, links and @mentions. The server
// parses a body before it stores it (the mentions travel with the domain event); the browser
// renders the same parts. Everything stays text: nothing here becomes HTML.
export type BodyPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string } | { kind: 'mention'; text: string; username: string };

export type ParsedBody = { parts: BodyPart[]; mentions: string[]; links: string[] };

const urlPattern = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]}]/giu;
/** `@name` at the start or after a character that cannot end a username or an email address. */
const mentionPattern = /(?<![A-Za-z0-9_.@-])@([A-Za-z0-9_-](?:[A-Za-z0-9_.-]{0,30}[A-Za-z0-9_-])?)(?![A-Za-z0-9_-])/gu;

function splitMentions(text: string, parts: BodyPart[], mentions: Set<string>) {
  let last = 0;
  for (const match of text.matchAll(mentionPattern)) {
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    const username = match[1].toLowerCase();
    parts.push({ kind: 'mention', text: match[0], username });
    mentions.add(username);
    last = start + match[0].length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
}

export function parseBody(body: string): ParsedBody {
  const parts: BodyPart[] = [];
  const mentions = new Set<string>();
  const links: string[] = [];
  let last = 0;
  for (const match of body.matchAll(urlPattern)) {
    const start = match.index;
    if (start > last) splitMentions(body.slice(last, start), parts, mentions);
    parts.push({ kind: 'link', text: match[0], href: match[0] });
    links.push(match[0]);
    last = start + match[0].length;
  }
  if (last < body.length) splitMentions(body.slice(last), parts, mentions);
  return { parts, mentions: [...mentions], links };
}
