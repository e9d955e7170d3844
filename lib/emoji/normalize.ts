// One spelling per emoji, wherever it comes from (the picker, a shortcode, a quick reaction), so
// the same emoji never counts as two: emojibase writes 👍 as U+1F44D U+FE0F, while a 👍 typed on
// a phone is U+1F44D alone. A character that is shown as emoji by default needs no selector.
const redundantSelector = /^(\p{Emoji_Presentation})\uFE0F$/u;

export function normalizeEmoji(emoji: string): string {
  return emoji.replace(redundantSelector, '$1');
}
