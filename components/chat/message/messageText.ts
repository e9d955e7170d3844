// The words the message actions show: who reacted, a quote's excerpt, a link to a message. Pure,
// so a table of inputs tests them (tests/unit/message-text.test.ts).
import type { Conversation } from '@/lib/schemas/responses';

/** The reactions offered first, in the menu of every message. */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '🎉', '😮', '😢'] as const;

const MAX_NAMED = 8;

/** "You", "You and Bob", "You, Bob and Cleo", "Bob, Cleo and 3 others": yourself first, then as they reacted. */
export function reactorNames(userIds: readonly string[], meId: string, nameOf: (userId: string) => string): string {
  const ordered = userIds.includes(meId) ? [meId, ...userIds.filter((id) => id !== meId)] : [...userIds];
  const names = ordered.map((id) => (id === meId ? 'You' : nameOf(id)));
  if (names.length === 0) return '';
  if (names.length === 1) return names[0];
  if (names.length > MAX_NAMED) {
    const rest = names.length - (MAX_NAMED - 1);
    return `${names.slice(0, MAX_NAMED - 1).join(', ')} and ${rest.toLocaleString()} others`;
  }
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** A member's name as it is now (profiles change live); someone who left keeps the name they had, if known. */
export function memberName(conversation: Conversation | undefined, userId: string, fallback?: string | null): string {
  return conversation?.members.find((m) => m.user.id === userId)?.user.displayName ?? fallback ?? 'Former member';
}

/** A line of Markdown as plain words: no emphasis markers, link targets, quote or list marks. */
function plainLine(line: string): string {
  return line
    .replace(/^(?:>\s*)+/, '')
    .replace(/^(?:[-*+]|\d{1,9}[.)])\s+/, '')
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g, '$1')
    .replace(/(\*\*|__|~~|`)/g, '')
    .replace(/(^|[^\w*])\*(?!\s)([^*]*?\S)\*(?!\w)/g, '$1$2')
    .replace(/(^|[^\w])_(?!\s)([^_]*?\S)_(?!\w)/g, '$1$2')
    .trim();
}

/**
 * A quote's excerpt: its first line with words on it (a code fence is not one), as plain text,
 * cut at `max` code points; an ellipsis says there is more.
 */
export function quoteExcerpt(body: string, max = 120): string {
  const lines = body
    .split(/\r?\n/)
    .filter((l) => !/^\s*(```|~~~)/.test(l))
    .map(plainLine)
    .filter((l) => l.length > 0);
  const line = lines[0] ?? '';
  const points = [...line];
  const more = points.length > max || lines.length > 1;
  const cut = points.length > max ? points.slice(0, max).join('').trimEnd() : line;
  return more ? `${cut}…` : cut;
}

/** The address that opens a conversation scrolled to one message (the chat page reads `seq`). */
export function messagePath(conversationId: string, seq: number): string {
  return `/chat/${conversationId}?seq=${seq}`;
}

/** A `?seq=` value as a message's seq, or null when it is not one. */
export function parseSeq(value: string | null | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const seq = Number(value);
  return seq >= 1 ? seq : null;
}
