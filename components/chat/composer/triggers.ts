// Where the caret is in an `@mention` or a `:shortcode` being typed, and how a pick replaces it.
// Pure functions of the text and the caret, so the composer and its tests read them the same way.

export type TriggerKind = 'mention' | 'emoji';

/** The word being completed: `text.slice(start, end)` is replaced by a pick; `query` is what follows the sigil up to the caret. */
export type Trigger = { kind: TriggerKind; query: string; start: number; end: number };

// A sigil counts at the start or after white space only: `me@example.org` and `12:30` are not triggers.
const mentionBefore = /(?:^|\s)@([A-Za-z0-9_.-]{0,32})$/u;
const mentionAfter = /^[A-Za-z0-9_.-]*/u;
// Two characters at least, so a `:)` or a colon in prose never opens a list.
const emojiBefore = /(?:^|\s):([A-Za-z0-9_+-]{2,40})$/u;
const emojiAfter = /^[A-Za-z0-9_+-]*/u;
const finishedShortcode = /(?:^|\s):([A-Za-z0-9_+-]{2,40}):$/u;

export function activeTrigger(text: string, caret: number): Trigger | null {
  const before = text.slice(0, caret);
  const after = text.slice(caret);
  const mention = mentionBefore.exec(before);
  if (mention) {
    const start = caret - mention[1].length - 1;
    return { kind: 'mention', query: mention[1], start, end: caret + (mentionAfter.exec(after)?.[0].length ?? 0) };
  }
  const emoji = emojiBefore.exec(before);
  if (emoji) {
    const start = caret - emoji[1].length - 1;
    return { kind: 'emoji', query: emoji[1], start, end: caret + (emojiAfter.exec(after)?.[0].length ?? 0) };
  }
  return null;
}

/** A `:shortcode:` whose closing colon was just typed (the caret right after it), for replacing it with its emoji. */
export function justFinishedShortcode(text: string, caret: number): { code: string; start: number; end: number } | null {
  const match = finishedShortcode.exec(text.slice(0, caret));
  if (!match) return null;
  return { code: match[1].toLowerCase(), start: caret - match[1].length - 2, end: caret };
}

/** `text` with `[start, end)` replaced by `insert`, and where the caret goes: right after it. */
export function replaceRange(text: string, start: number, end: number, insert: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + insert + text.slice(end), caret: start + insert.length };
}

/** A picked mention: `@username` and one space after it (the one already there, when there is one). */
export function insertMention(text: string, trigger: Trigger, username: string): { text: string; caret: number } {
  const spaced = /^\s/u.test(text.slice(trigger.end));
  const next = replaceRange(text, trigger.start, trigger.end, `@${username}${spaced ? '' : ' '}`);
  return spaced ? { ...next, caret: next.caret + 1 } : next;
}
