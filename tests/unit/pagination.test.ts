import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cursorParts, readCursor, toPage } from '@/lib/pagination';
import { encodeCursor } from '@/lib/schemas/common';

const timeAndId = z.tuple([cursorParts.time, cursorParts.id]);
const id = '0b6f6f6e-3a2b-4c1d-8e9f-0123456789ab';

describe('keyset cursors', () => {
  it('read back the key of the last item', () => {
    const key = readCursor(timeAndId, encodeCursor(['2026-01-02T03:04:05.678Z', id]));
    expect(key?.[0].toISOString()).toBe('2026-01-02T03:04:05.678Z');
    expect(key?.[1]).toBe(id);
  });

  it.each([
    ['not base64 json', 'not base64 json'],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
    ['strings that are not a time and an id', encodeCursor(['x', 'y'])],
    ['a time without an id', encodeCursor(['2026-01-02T03:04:05.678Z'])],
    ['numbers', encodeCursor([1, 2])],
  ])('refuse %s with a validation error, not a crash', (_, cursor) => {
    expect(() => readCursor(timeAndId, cursor)).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('refuse a name key holding a NUL, which the database cannot compare (the fuzzer found it)', () => {
    expect(() => readCursor(z.tuple([cursorParts.name]), encodeCursor(['\u0000']))).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });

  it('are absent on the last page', () => {
    expect(toPage([1, 2], 2, (n) => [n])).toEqual({ items: [1, 2], nextCursor: null });
    const page = toPage(
      [1, 2, 3],
      2,
      (n) => [n],
      (n) => n * 10,
    );
    expect(page.items).toEqual([10, 20]);
    expect(readCursor(z.tuple([z.number()]), page.nextCursor!)).toEqual([2]);
  });
});
