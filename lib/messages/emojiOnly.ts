// Whether a body is nothing but one to three emoji (spaces between allowed): such a message is shown larger.

const MAX_EMOJI = 3;
/** Longer than three of the longest emoji (a tag-sequence flag is 14 UTF-16 units) with spaces between cannot qualify. */
const MAX_LENGTH = 64;

let emoji: RegExp | null | undefined;
let graphemes: Intl.Segmenter | null | undefined;

function tools() {
  if (emoji === undefined) {
    try {
      // The constructor, not a literal: the `v` flag is newer than the TypeScript target.
      emoji = new RegExp('^\\p{RGI_Emoji}$', 'v');
      graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    } catch {
      emoji = null; // an engine without the `v` flag or Intl.Segmenter shows every body at its usual size
    }
  }
  return emoji && graphemes ? { emoji, graphemes } : null;
}

export function isEmojiOnly(body: string): boolean {
  const text = body.trim();
  if (!text || text.length > MAX_LENGTH) return false;
  const found = tools();
  if (!found) return false;
  let count = 0;
  for (const { segment } of found.graphemes.segment(text)) {
    if (/^\s+$/u.test(segment)) continue;
    if (++count > MAX_EMOJI || !found.emoji.test(segment)) return false;
  }
  return count > 0;
}
