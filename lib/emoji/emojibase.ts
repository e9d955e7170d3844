// Emoji data from our own origin (the CSP allows `connect-src 'self'` only, and readers are not
// announced to a CDN): the emojibase files the picker reads, and a small shortcode index for the
// composer's `:shortcode:` autocomplete, all from the emojibase-data package. Loaded on first ask.
import { createHash } from 'node:crypto';
import { normalizeEmoji } from './normalize';

export type EmojiFile = { body: string; etag: string };

/** One emoji of the shortcode index: the character, its name, and the shortcodes people type for it. */
export type ShortcodeEntry = [emoji: string, label: string, shortcodes: string[]];

const COMPONENT_GROUP = 2; // skin tones and hair styles: parts of an emoji, not emoji to pick

const builders: Record<string, () => Promise<unknown>> = {
  'data.json': async () => (await import('emojibase-data/en/data.json')).default,
  'messages.json': async () => (await import('emojibase-data/en/messages.json')).default,
  'shortcodes.json': shortcodeIndex,
};

/** GitHub's (Slack's) shortcodes first, `:+1:` and `:tada:`, then emojibase's own, for every emoji a picker offers. */
async function shortcodeIndex(): Promise<ShortcodeEntry[]> {
  const [data, github, emojibase] = await Promise.all([
    import('emojibase-data/en/data.json'),
    import('emojibase-data/en/shortcodes/github.json'),
    import('emojibase-data/en/shortcodes/emojibase.json'),
  ]);
  const list = (codes: string | string[] | undefined) => (codes === undefined ? [] : Array.isArray(codes) ? codes : [codes]);
  return data.default
    .filter((e) => e.group !== undefined && e.group !== COMPONENT_GROUP)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((e): ShortcodeEntry => [normalizeEmoji(e.emoji), e.label, [...new Set([...list(github.default[e.hexcode]), ...list(emojibase.default[e.hexcode])])]])
    .filter((e) => e[2].length > 0);
}

const cache = new Map<string, Promise<EmojiFile>>();

/** The file's JSON and a strong ETag, or null for a locale or file we do not serve. */
export function emojiFile(locale: string, file: string): Promise<EmojiFile> | null {
  if (locale !== 'en' || !Object.hasOwn(builders, file)) return null;
  let entry = cache.get(file);
  if (!entry) {
    entry = builders[file]().then((value) => {
      const body = JSON.stringify(value);
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    });
    entry.catch(() => cache.delete(file));
    cache.set(file, entry);
  }
  return entry;
}
