// Message bodies as the Markdown subset the client shows: what each input becomes (markup without
// class names), and what hostile input must never become. Rendered with react-dom/server.
import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { pathologicalBodies } from '@/bench/markdown-bodies';
import { MessageBody } from '@/components/chat/MessageBody';
import { parseMarkdown, plainText, safeHref } from '@/lib/messages/markdown';

const render = (text: string, meUsername?: string) => renderToStaticMarkup(createElement(MessageBody, { text, meUsername }));
/** The markup without class names, and without the code block's bar (its own test reads it). */
const shape = (text: string) =>
  render(text)
    .replace(/ class="[^"]*"/g, '')
    .replace(/^<div>|<\/div>$/g, '')
    .replace(/<div><div><span>[^<]*<\/span><button[^>]*>Copy<\/button><span[^>]*><\/span><\/div>(<pre[^>]*>[\s\S]*?<\/pre>)<\/div>/g, '$1');
const link = (href: string, text = href) => `<a href="${href}" target="_blank" rel="noopener noreferrer nofollow">${text}</a>`;

const allowedTags = new Set(['div', 'p', 'span', 'strong', 'em', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'button']);

/** What no body may ever render to: a tag outside the subset, an inline handler, an unsafe link. */
function dangers(html: string): string[] {
  const found: string[] = [];
  for (const [, tag] of html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) if (!allowedTags.has(tag.toLowerCase())) found.push(`tag ${tag}`);
  for (const [attr] of html.matchAll(/<[a-z][^>]*?\s(on\w+)\s*=/gi)) found.push(`handler ${attr}`);
  for (const [, href] of html.matchAll(/\shref="([^"]*)"/g)) if (!/^(https?:\/\/[^/\s]|mailto:)/.test(href)) found.push(`href ${href}`);
  if (/<[a-z][^>]*\s(src|srcdoc|style|formaction)=/i.test(html)) found.push('a source or style attribute');
  return found;
}

describe('Markdown in a message body', () => {
  it.each([
    ['hello there', '<p>hello there</p>'],
    ['*em* _em_ **strong** __strong__ ~~gone~~', '<p><em>em</em> <em>em</em> <strong>strong</strong> <strong>strong</strong> <s>gone</s></p>'],
    ['***both***', '<p><em><strong>both</strong></em></p>'],
    ['a `b *c*` d', '<p>a <code>b *c*</code> d</p>'],
    ['one\ntwo  \nthree\\\nfour\n\nfive', '<p>one\ntwo\nthree\nfour</p><p>five</p>'],
    ['- a\n- b', '<ul><li>a</li><li>b</li></ul>'],
    ['3. c\n4. d', '<ol start="3"><li>c</li><li>d</li></ol>'],
    ['1. a\n   - b', '<ol><li>a<ul><li>b</li></ul></li></ol>'],
    ['> said\n> > before', '<blockquote><p>said</p><blockquote><p>before</p></blockquote></blockquote>'],
    ['```ts\nconst a = 1;\n  indented <b>\n```', '<pre tabindex="0"><code>const a = 1;\n  indented &lt;b&gt;</code></pre>'],
    ['[docs](https://example.com/docs)', `<p>${link('https://example.com/docs', 'docs')}</p>`],
    ['[mail me](mailto:ada@example.com)', `<p>${link('mailto:ada@example.com', 'mail me')}</p>`],
    ['see https://example.com/a_b_c, ok', `<p>see ${link('https://example.com/a_b_c')}, ok</p>`],
    ['<https://example.com/x>', `<p>${link('https://example.com/x')}</p>`],
    ['write to ada@example.com', `<p>write to ${link('mailto:ada@example.com', 'ada@example.com')}</p>`],
    // Not rendered as such: headings, images, tables, rules, indented code, entities, bare domains.
    ['# Title', '<p># Title</p>'],
    ['Title\n===', '<p>Title\n===</p>'],
    ['![alt](https://example.com/i.png)', `<p>!${link('https://example.com/i.png', 'alt')}</p>`],
    ['| a | b |\n|---|---|\n| 1 | 2 |', '<p>| a | b |\n|---|---|\n| 1 | 2 |</p>'],
    ['---', '<p>---</p>'],
    ['    indented', '<p>indented</p>'],
    ['&lt;b&gt; &amp; &#60;', '<p>&amp;lt;b&amp;gt; &amp;amp; &amp;#60;</p>'],
    ['run deploy.sh on next.js', '<p>run deploy.sh on next.js</p>'],
    ['\\*not em\\*', '<p>*not em*</p>'],
  ])('renders %j as %s', (input, expected) => {
    expect(shape(input)).toBe(expected);
  });

  it('shows @mentions in text as mention spans, and the viewer’s own with an extra class', () => {
    const html = render('hi @Alice and **@bob**, also @all', 'alice');
    expect(html).toMatch(/<span class="[^"]*mention[^"]*mentionMe[^"]*" data-username="alice">@Alice<\/span>/);
    expect(html).toMatch(/<strong><span class="[^"]*mention[^"]*" data-username="bob">@bob<\/span><\/strong>/);
    expect(html).toMatch(/<span class="[^"]*mention[^"]*" data-username="all">@all<\/span>/);
    expect(html.match(/mentionMe/g)).toHaveLength(1);
  });

  it('keeps @name in inline code and code blocks as code, not a mention', () => {
    const html = render('`@alice` and\n```\n@bob\n```');
    expect(html).not.toContain('data-username');
    expect(html).toContain('<code class="');
    expect(html).toContain('>@alice</code>');
    expect(html).toContain('<code>@bob</code>');
  });

  it('does not take an email address or a link’s path for a mention', () => {
    expect(render('ada@example.com https://example.com/@alice')).not.toContain('data-username');
  });

  it('gives a code block a Copy button with an accessible name, and its language when given', () => {
    const html = render('```python\nprint(1)\n```');
    expect(html).toMatch(/<button type="button" [^>]*aria-label="Copy code"[^>]*>Copy<\/button>/);
    expect(html).toMatch(/<span class="[^"]*language[^"]*">python<\/span>/);
  });

  it('shows 1 to 3 emoji alone large, and anything else at the usual size', () => {
    expect(render(' 🎉 ')).toMatch(/^<div class="[^"]*jumbo[^"]*">🎉<\/div>$/);
    expect(render('🎉 🎉 🎉')).toContain('jumbo');
    expect(render('🎉🎉🎉🎉')).not.toContain('jumbo');
    expect(render('🎉 ok')).not.toContain('jumbo');
  });
});

describe('hostile bodies', () => {
  const hostile = [
    '[x](javascript:alert(1))',
    '[x](JAVASCRIPT:alert(1))',
    '[x](  javascript:alert(1))',
    '[x](java\tscript:alert(1))',
    '[x](javascript&#58;alert(1))',
    '[x](&#106;avascript:alert(1))',
    '[x](data:text/html,<script>alert(1)</script>)',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[x](vbscript:msgbox(1))',
    '[x](file:///etc/passwd)',
    '[x](//evil.example/x)',
    '[x](/relative)',
    '<javascript:alert(1)>',
    '<data:text/html,x>',
    '[x]: javascript:alert(1)\n\n[x]',
    '![x](javascript:alert(1))',
    '![x](https://example.com/x.png" onerror="alert(1))',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
    '<a href="javascript:alert(1)">x</a>',
    '<https://a.b/"onmouseover="x>',
    'https://x.y/"><svg onload=alert(1)>',
    '[x](https://x.y/"><svg onload=alert(1)>)',
    '[<img src=x onerror=alert(1)>](https://example.com)',
    '`<script>alert(1)</script>`',
    '```\n</code></pre><script>alert(1)</script>\n```',
    '```"><img src=x onerror=alert(1)>\ncode\n```',
    '> <iframe src="javascript:alert(1)">',
    '- <style>body{display:none}</style>',
    '**<b onclick=alert(1)>x</b>**',
  ];

  it.each(hostile)('renders %j with no script, handler or unsafe link', (body) => {
    const html = render(body);
    expect(dangers(html)).toEqual([]);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
  });

  it('shows raw HTML as the text it is', () => {
    expect(render('<img src=x onerror=alert(1)>')).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(render('<script>alert(1)</script>')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('leaves a link with a refused scheme as the text that was written', () => {
    expect(shape('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>');
    expect(shape('[x](data:text/html,x)')).toBe('<p>[x](data:text/html,x)</p>');
    expect(shape('[x](vbscript:x)')).toBe('<p>[x](vbscript:x)</p>');
  });

  it('quotes an autolink’s quotes into its href instead of ending the attribute', () => {
    expect(shape('<https://a.b/"onmouseover="x>')).toBe(`<p>${link('https://a.b/%22onmouseover=%22x', 'https://a.b/&quot;onmouseover=&quot;x')}</p>`);
  });

  it('checks every href with a URL parser and a scheme allow-list', () => {
    expect(safeHref('https://example.com')).toBe('https://example.com/');
    expect(safeHref('HTTPS://EXAMPLE.com/A')).toBe('https://example.com/A');
    expect(safeHref('mailto:ada@example.com')).toBe('mailto:ada@example.com');
    for (const bad of [
      'javascript:alert(1)',
      ' javascript:x',
      'java\nscript:x',
      'data:text/html,x',
      'vbscript:x',
      'ftp://x.example',
      '//x.example',
      '/x',
      'https://',
    ]) {
      expect(safeHref(bad), bad).toBeNull();
    }
  });

  it('renders nothing dangerous for any mix of Markdown and HTML characters', () => {
    const pieces = ['*', '_', '~~', '`', '```\n', '[', ']', '(', ')', '<', '>', '!', '\n', '> ', '- ', '1. ', ' ', '"', "'", '=', '&#58;', '\\'];
    const words = ['javascript:', 'JaVaScRiPt:', 'data:', 'https://a.example/', 'mailto:', 'onerror', 'img', 'script', 'src', 'x', '@bob', 'a@b.c'];
    const body = fc.array(fc.constantFrom(...pieces, ...words), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(body, (text) => {
        expect(dangers(render(text))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

/** The deepest nesting of the given tags in some markup. */
function depth(html: string, tags: string[]): number {
  let level = 0;
  let max = 0;
  for (const [, close, tag] of html.matchAll(/<(\/?)([a-z]+)[\s>/]/g)) {
    if (!tags.includes(tag)) continue;
    level += close ? -1 : 1;
    max = Math.max(max, level);
  }
  return max;
}

describe('pathological bodies', () => {
  it.each(Object.entries(pathologicalBodies))('renders %s (4,000 characters) with bounded nesting', (_, body) => {
    const html = render(body);
    expect(html.length).toBeGreaterThan(0);
    expect(depth(html, ['em', 'strong', 's'])).toBeLessThanOrEqual(6);
    expect(depth(html, ['blockquote', 'ul', 'ol', 'li'])).toBeLessThanOrEqual(10);
    expect(dangers(html)).toEqual([]);
  });

  it('shows what is nested too deep as text instead of dropping it', () => {
    const html = render('> '.repeat(40) + 'the bottom');
    expect(depth(html, ['blockquote'])).toBe(10);
    expect(html).toContain('&gt; &gt; the bottom');
    const lists = render('- '.repeat(40) + 'leaf');
    expect(lists).toContain('leaf');
  });

  it('shows emphasis nested too deep with its markers as text', () => {
    const body = '*a _b '.repeat(8) + 'x' + ' b_ a*'.repeat(8);
    const html = render(body);
    expect(depth(html, ['em', 'strong', 's'])).toBe(6);
    expect(html).toContain('*a _b x b_ a*');
  });

  it('reads a parsed body back as the plain text a reader sees', () => {
    expect(plainText(parseMarkdown('**Hi** _there_\n- [one](https://a.example)\n- `two`\n\n> three\n\n```\nfour\n```'))).toBe(
      'Hi there\none\ntwo\nthree\nfour',
    );
    expect(plainText(parseMarkdown('<img src=x onerror=alert(1)> &lt;'))).toBe('<img src=x onerror=alert(1)> &lt;');
  });

  it('parses a body to a tree of plain data', () => {
    expect(parseMarkdown('**a** @b')).toEqual([
      {
        type: 'paragraph',
        tight: false,
        children: [
          { type: 'strong', children: [{ type: 'text', text: 'a' }] },
          { type: 'text', text: ' ' },
          { type: 'mention', text: '@b', username: 'b' },
        ],
      },
    ]);
  });
});
