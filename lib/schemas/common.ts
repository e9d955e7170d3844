// Shapes shared by many requests: ids, list pagination.
import { z } from 'zod';

/**
 * Text from clients. PostgreSQL cannot store a NUL character, so it is refused here, with a
 * clear message, rather than failing in the database.
 */
export const text = () => z.string().regex(/^[^\u0000]*$/, 'NUL characters are not allowed.');

/** IDs are opaque strings to clients; here they are UUIDs, and anything else simply names nothing. */
export const id = z.uuid();

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: text().min(1).max(512).optional(),
});

export type Page<T> = { items: T[]; nextCursor: string | null };

/** Cursors are opaque: the sort key of the last item, encoded. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}
