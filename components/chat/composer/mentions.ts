// Who an `@` in the composer can name: the other members of the conversation (never yourself,
// nor a deactivated account), best match first, and `@all` in a group.
import type { Conversation } from '@/lib/schemas/responses';

export type MentionOption = { key: string; username: string; displayName: string; avatarUrl: string | null; everyone: boolean };

export const MAX_MENTION_OPTIONS = 8;

/** 0: the username starts with the query; 1: a word of the display name does; 2: either contains it; null: no match. */
function rank(username: string, displayName: string, q: string): number | null {
  if (username.startsWith(q)) return 0;
  if (displayName.split(/\s+/u).some((w) => w.startsWith(q))) return 1;
  if (username.includes(q) || displayName.includes(q)) return 2;
  return null;
}

export function mentionOptions(conversation: Pick<Conversation, 'type' | 'members'>, meId: string, query: string): MentionOption[] {
  const q = query.toLowerCase();
  const people = conversation.members
    .filter((m) => m.user.id !== meId && !(m.user as { deactivated?: boolean }).deactivated)
    .map((m) => ({ user: m.user, rank: rank(m.user.username.toLowerCase(), m.user.displayName.toLowerCase(), q) }))
    .filter((m): m is typeof m & { rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || a.user.displayName.localeCompare(b.user.displayName) || a.user.username.localeCompare(b.user.username))
    .slice(0, MAX_MENTION_OPTIONS)
    .map(({ user }): MentionOption => ({ key: user.id, username: user.username, displayName: user.displayName, avatarUrl: user.avatarUrl, everyone: false }));
  const everyone = conversation.type === 'group' && ['all', 'everyone'].some((w) => w.startsWith(q));
  return everyone ? [...people, { key: '@all', username: 'all', displayName: 'Everyone in this group', avatarUrl: null, everyone: true }] : people;
}
