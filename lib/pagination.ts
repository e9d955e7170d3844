// Keyset pagination, written once: a cursor is the sort key of a page's last item, encoded; it is
// read back through a zod schema (a crafted cursor is a 400, never a 500), and the next page starts
// strictly after it in the list's order.
import { and, asc, desc, eq, gt, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '@/lib/errors';
import { decodeCursor, encodeCursor, text, type Page } from '@/lib/schemas/common';

/** Cursor key parts: a time as the ISO string the API prints, an id, a lower-cased name. */
export const cursorParts = {
  time: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
  id: z.uuid(),
  // Text as the database can hold it: a NUL in a cursor is refused like any other malformed one.
  name: text().min(1).max(64),
};

/** The key a cursor holds, checked against `schema`; undefined without a cursor. */
export function readCursor<T extends z.ZodType>(schema: T, cursor: string | undefined): z.output<T> | undefined {
  if (cursor === undefined) return undefined;
  const parsed = schema.safeParse(decodeCursor(cursor));
  if (!parsed.success) throw errors.badCursor();
  return parsed.data;
}

/**
 * A keyset over (a time, an id): the order to list by and the condition for "after this cursor".
 * The database keeps microseconds and a cursor holds milliseconds (as the API prints times), so
 * both the order and the comparison use the time at the millisecond: no row is skipped or repeated.
 */
export function timeKeyset(direction: 'asc' | 'desc', time: AnyColumn, id: AnyColumn) {
  const at = sql`date_trunc('milliseconds', ${time})`;
  const order = direction === 'asc' ? asc : desc;
  const beyond = direction === 'asc' ? gt : lt;
  return {
    orderBy: [order(at), order(id)] as const,
    after: (cursor: [Date, string] | undefined): SQL | undefined => {
      if (!cursor) return undefined;
      const [time, last] = [cursor[0].toISOString(), cursor[1]];
      return or(beyond(at, time), and(eq(at, time), beyond(id, last)));
    },
  };
}

/** The cursor key of a (time, id) keyset, as `timeKeyset` reads it back. */
export const timeCursor = z.tuple([cursorParts.time, cursorParts.id]);

/** A page from `limit + 1` fetched rows: the extra row only says there is a next page. */
export function toPage<R, T = R>(rows: R[], limit: number, keyOf: (last: R) => unknown[], map: (row: R) => T = (r) => r as unknown as T): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items: items.map(map), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
