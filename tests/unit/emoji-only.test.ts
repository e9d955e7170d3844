import { describe, expect, it } from 'vitest';
import { isEmojiOnly } from '@/lib/messages/emojiOnly';

describe('emoji-only bodies', () => {
  it.each([
    ['😀'],
    ['  😀  '],
    ['😀👍'],
    ['😀 👍 🎉'],
    ['👍🏽'], // with a skin tone
    ['👩‍👩‍👧‍👦'], // a ZWJ family is one emoji
    ['🇫🇷🇯🇵'], // flags
    ['🏴󠁧󠁢󠁳󠁣󠁴󠁿'], // a tag-sequence flag
    ['❤️'], // with the emoji variation selector
    ['1️⃣'], // a keycap
    ['😀\n🎉'],
  ])('takes %j for 1 to 3 emoji', (body) => {
    expect(isEmojiOnly(body)).toBe(true);
  });

  it.each([
    [''],
    ['   '],
    ['😀😀😀😀'],
    ['😀 😀 😀 😀'],
    ['hi 😀'],
    ['😀!'],
    ['1'],
    ['#'],
    ['©'], // a text-style symbol without the emoji variation selector
    ['**😀**'],
    [':)'],
    ['😀'.repeat(40)],
  ])('does not take %j', (body) => {
    expect(isEmojiOnly(body)).toBe(false);
  });
});
