// The `:shortcode:` autocomplete's data, fetched from this server the first time someone types
// one (about 30 kB compressed; see lib/emoji/emojibase.ts), and the search over it.
import type { ShortcodeEntry } from '@/lib/emoji/emojibase';

export type { ShortcodeEntry };
export type EmojiOption = { key: string; emoji: string; shortcode: string; label: string };

export const SHORTCODES_URL = '/emoji/en/shortcodes.json';
export const MAX_EMOJI_OPTIONS = 8;

let loading: Promise<ShortcodeEntry[]> | null = null;

/** The index, once per page; a failed fetch is forgotten so that the next `:` tries again. */
export function loadShortcodes(): Promise<ShortcodeEntry[]> {
  loading ??= fetch(SHORTCODES_URL)
    .then((r) => {
      if (!r.ok) throw new Error(`emoji shortcodes: ${r.status}`);
      return r.json() as Promise<ShortcodeEntry[]>;
    })
    .catch((e: unknown) => {
      loading = null;
      throw e;
    });
  return loading;
}

/** 0 exact, 1 a prefix, 2 the start of a later word (`:up` finds `thumbs_up`), 3 anywhere, 4 a word of its name; null: no match. */
function rank(code: string, label: string, q: string): number | null {
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  if (code.includes(`_${q}`)) return 2;
  if (code.includes(q)) return 3;
  if (label.split(' ').some((w) => w.startsWith(q))) return 4;
  return null;
}

/** The best matches for what follows the colon; ties keep emojibase's order (smileys first). */
export function searchShortcodes(index: readonly ShortcodeEntry[], query: string): EmojiOption[] {
  const q = query.toLowerCase();
  const found: { rank: number; order: number; option: EmojiOption }[] = [];
  index.forEach(([emoji, label, codes], order) => {
    let best: { rank: number; code: string } | null = null;
    for (const code of codes) {
      const r = rank(code, label.toLowerCase(), q);
      if (r !== null && (!best || r < best.rank)) best = { rank: r, code };
    }
    if (best) found.push({ rank: best.rank, order, option: { key: emoji, emoji, shortcode: best.code, label } });
  });
  return found
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .slice(0, MAX_EMOJI_OPTIONS)
    .map((f) => f.option);
}

/** The emoji a complete shortcode names (`thumbsup` → 👍), or null. */
export function emojiForShortcode(index: readonly ShortcodeEntry[], code: string): string | null {
  const q = code.toLowerCase();
  return index.find(([, , codes]) => codes.includes(q))?.[0] ?? null;
}
