// A file's name as people see it: never a path, never a character that hides or reorders text.
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u{FFFC}\u{FFFD}]/gu;
const MAX_NAME = 200;

/** The last path segment, without control, format (bidi, zero-width) characters; "file" when nothing is left. */
export function sanitiseFileName(raw: string | null | undefined): string {
  const last = (raw ?? '').normalize('NFC').split(/[\\/]/).pop() ?? '';
  const clean = last.replace(HIDDEN, '').replace(/\s+/g, ' ').trim();
  // Leading dots would make a hidden file of a download; a name of dots only is no name.
  const named = clean.replace(/^\.+/, '').trim();
  const points = [...named];
  if (points.length === 0) return 'file';
  if (points.length <= MAX_NAME) return named;
  // Keep the extension when cutting a long name.
  const dot = named.lastIndexOf('.');
  const ext = dot > 0 && named.length - dot <= 16 ? named.slice(dot) : '';
  return [...named.slice(0, named.length - ext.length)].slice(0, MAX_NAME - [...ext].length).join('') + ext;
}
