import { describe, expect, it } from 'vitest';
import { memberName, messagePath, parseSeq, quoteExcerpt, reactorNames } from '@/components/chat/message/messageText';
import type { Conversation } from '@/lib/schemas/responses';

const names: Record<string, string> = { a: 'Ana', b: 'Ben', c: 'Cleo', d: 'Dev', e: 'Eli', f: 'Fay', g: 'Gus', h: 'Hal', i: 'Ida', j: 'Jo' };
const nameOf = (id: string) => names[id] ?? '?';

describe('who reacted, as a chip tooltip says it', () => {
  it.each([
    [[], 'me', ''],
    [['me'], 'me', 'You'],
    [['a'], 'me', 'Ana'],
    [['a', 'me'], 'me', 'You and Ana'],
    [['a', 'b', 'me'], 'me', 'You, Ana and Ben'],
    [['a', 'b', 'c'], 'me', 'Ana, Ben and Cleo'],
  ])('names %j (viewer %s) as "%s"', (ids, me, expected) => {
    expect(reactorNames(ids, me, nameOf)).toBe(expected);
  });

  it('names the first seven of many and counts the rest', () => {
    expect(reactorNames(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], 'me', nameOf)).toBe('Ana, Ben, Cleo, Dev, Eli, Fay, Gus and 3 others');
  });
});

describe('a member named as they are now', () => {
  const conversation = { members: [{ user: { id: 'a', displayName: 'Ana Renamed' } }] } as unknown as Conversation;
  it('takes the current profile over the copy a quote carries', () => {
    expect(memberName(conversation, 'a', 'Ana')).toBe('Ana Renamed');
  });
  it('keeps the copy for someone who left, or says "Former member"', () => {
    expect(memberName(conversation, 'z', 'Zed')).toBe('Zed');
    expect(memberName(conversation, 'z')).toBe('Former member');
  });
});

describe('a quote’s excerpt', () => {
  it.each([
    ['hello', 'hello'],
    ['  hello  ', 'hello'],
    ['first line\nsecond line', 'first line…'],
    ['\n\n  first after blanks\nmore', 'first after blanks…'],
    ['x'.repeat(130), `${'x'.repeat(120)}…`],
    ['👍'.repeat(125), `${'👍'.repeat(120)}…`],
    ['', ''],
    ['Original **words** here', 'Original words here'],
    ['*em* and _under_ and ~~gone~~ and `code`', 'em and under and gone and code'],
    ['snake_case_name and 2*3*4 stay', 'snake_case_name and 2*3*4 stay'],
    ['> quoted line', 'quoted line'],
    ['- first item\n- second', 'first item…'],
    ['1. step one', 'step one'],
    ['see [the docs](https://example.com/a_(b)) now', 'see the docs now'],
    ['```ts\nconst x = 1;\n```', 'const x = 1;'],
    ['```\n```', ''],
  ])('of %j is %j', (body, expected) => {
    expect(quoteExcerpt(body)).toBe(expected);
  });
});

describe('a link to a message', () => {
  it('opens the conversation at its seq', () => {
    expect(messagePath('c0ffee', 42)).toBe('/chat/c0ffee?seq=42');
  });
  it.each([
    ['42', 42],
    ['1', 1],
    ['0', null],
    ['-3', null],
    ['4.5', null],
    ['abc', null],
    ['', null],
    [null, null],
    ['9'.repeat(16), null],
  ])('reads ?seq=%j as %j', (value, expected) => {
    expect(parseSeq(value)).toBe(expected);
  });
});
