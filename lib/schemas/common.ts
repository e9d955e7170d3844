// Shapes shared by many requests: ids, list pagination, and the text people show each other.
import { z } from 'zod';
import { hasHiddenCharacters, hasVisibleCharacter } from './hiddenCharacters';

/**
 * Text from clients. PostgreSQL cannot store a NUL character, so it is refused here, with a
 * clear message, rather than failing in the database.
 */
export const text = () => z.string().regex(/^[^\u0000]*$/, 'NUL characters are not allowed.');

const hiddenMessage = 'Invisible, control and text-direction characters are not allowed.';

/**
 * One line that names someone or something (a display name, a group title). NFKC folds
 * compatibility forms (full-width letters, ligatures) into the letters they look like, and
 * anything that hides or reorders text is refused, so one name cannot pass for another. The
 * caller adds trim and the length limits, which then measure the normalised text.
 */
export const nameLine = () =>
  text()
    .normalize('NFKC')
    .refine((s) => !hasHiddenCharacters(s, 'line'), hiddenMessage);

/**
 * Free text written to be read (a message body, a bio): new lines and tabs allowed (CR LF becomes
 * LF); composed (NFC) rather than folded, so "m²" stays what its writer meant; and nothing that
 * hides or reorders text.
 */
export const prose = () =>
  text()
    .normalize('NFC')
    .overwrite((s) => s.replace(/\r\n?/g, '\n'))
    .refine((s) => !hasHiddenCharacters(s, 'multiline'), hiddenMessage);

/** True unless the text is empty or has nothing visible (only white space, marks or joiners). */
export const visibleOrEmpty = (s: string) => s === '' || hasVisibleCharacter(s);

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
