// Characters that hide, fake or reorder text: controls, format characters (bidi overrides and
// isolates, zero-width spaces, soft hyphens), and fillers that render as nothing yet count as
// letters. Joiners stay allowed where scripts and emoji need them.

/** Hangul fillers, the Braille blank, the combining grapheme joiner, Khmer inherent vowels. */
const fillers = /[\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0]/u;

/** Anything that may be hidden; most text has none of it, and the scan below is skipped. */
const suspect = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029\u034F\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0]/u;

const ZWNJ = '\u200C';
const ZWJ = '\u200D';
const BLACK_FLAG = '\u{1F3F4}';

const letterOrMark = /^[\p{L}\p{M}]$/u;
/** A joiner between two letters of these scripts changes nothing a reader can see. */
const latinLookAlike = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]$/u;
const pictograph = /^\p{Extended_Pictographic}$/u;
const emojiModifierOrVariation = /^[\p{Emoji_Modifier}\uFE0F]$/u;
const tag = (c: string) => c >= '\u{E0020}' && c <= '\u{E007F}';

/** ZWNJ and ZWJ shape Arabic, Persian and Indic letters (and ZWJ builds emoji); elsewhere they hide. */
function joinerNeeded(joiner: string, before: string | undefined, after: string | undefined): boolean {
  if (before === undefined || after === undefined) return false;
  if (joiner === ZWJ && (pictograph.test(before) || emojiModifierOrVariation.test(before)) && pictograph.test(after)) return true;
  return letterOrMark.test(before) && letterOrMark.test(after) && !latinLookAlike.test(before) && !latinLookAlike.test(after);
}

/** Tag characters are allowed only in an emoji tag sequence: a black flag, then tags (the flags of Scotland, Wales…). */
function inFlagSequence(chars: string[], i: number): boolean {
  let start = i;
  while (start > 0 && tag(chars[start - 1])) start--;
  return start > 0 && chars[start - 1] === BLACK_FLAG;
}

function hidden(chars: string[], i: number, kind: 'line' | 'multiline'): boolean {
  const c = chars[i];
  if (c === '\n' || c === '\t') return kind === 'line';
  // NUL is refused by `text()` with its own message.
  if (c === '\u0000' || !suspect.test(c)) return false;
  if (fillers.test(c)) return true;
  if (c === ZWNJ || c === ZWJ) return !joinerNeeded(c, chars[i - 1], chars[i + 1]);
  if (tag(c)) return !inFlagSequence(chars, i);
  // Every other control, format character (bidi controls included), line or paragraph separator, lone surrogate.
  return true;
}

/** Whether the text holds a character that hides, fakes or reorders text. Lines allow no new line or tab. */
export function hasHiddenCharacters(text: string, kind: 'line' | 'multiline'): boolean {
  if (!suspect.test(text)) return false;
  const chars = [...text];
  return chars.some((_, i) => hidden(chars, i, kind));
}

/** Whether anything in the text can be seen: a letter, digit, punctuation or symbol. */
export function hasVisibleCharacter(text: string): boolean {
  return /[\p{L}\p{N}\p{P}\p{S}]/u.test(text);
}
