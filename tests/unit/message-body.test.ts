import { describe, expect, it } from 'vitest';
import { parseBody } from '@/lib/messages/body';

describe('the message body parser', () => {
  it('keeps plain text as one text part', () => {
    expect(parseBody('hello there')).toEqual({ parts: [{ kind: 'text', text: 'hello there' }], mentions: [], links: [] });
  });

  it('finds http and https links and leaves trailing punctuation out', () => {
    const parsed = parseBody('see https://example.com/a?b=1, and http://x.test/(y).');
    expect(parsed.links).toEqual(['https://example.com/a?b=1', 'http://x.test/(y']);
    expect(parsed.parts.map((p) => p.kind)).toEqual(['text', 'link', 'text', 'link', 'text']);
  });

  it('does not link other schemes', () => {
    expect(parseBody('javascript:alert(1) data:text/html,x ftp://f').links).toEqual([]);
  });

  it('finds @mentions, lower-cased and once each', () => {
    const parsed = parseBody('@Alice and @bob.smith, also @alice again; thanks @carol.');
    expect(parsed.mentions).toEqual(['alice', 'bob.smith', 'carol']);
    expect(parsed.parts.filter((p) => p.kind === 'mention').map((p) => p.text)).toEqual(['@Alice', '@bob.smith', '@alice', '@carol']);
  });

  it('does not take an email address or a word-internal @ for a mention', () => {
    expect(parseBody('mail ada@example.com or x@y').mentions).toEqual([]);
  });

  it('does not find mentions inside links', () => {
    expect(parseBody('https://example.com/@alice').mentions).toEqual([]);
  });

  it('gives back every character of the body, in order', () => {
    const body = 'a @b https://c.test d @e.';
    expect(
      parseBody(body)
        .parts.map((p) => p.text)
        .join(''),
    ).toBe(body);
  });

  it('ignores a mention longer than a username can be', () => {
    expect(parseBody('@' + 'x'.repeat(40)).mentions).toEqual([]);
  });
});
