// What components read from the chat state. Each answers one small question and returns either a
// primitive or an array meant for `shallowEqual`, so a component re-renders only when its answer
// changes (see storeSelector.ts).
import 'client-only';
import type { Role } from '@/lib/policy';
import type { Attachment, Conversation } from '@/lib/schemas/responses';
import { isLocalId, type ChatState } from './chatState';
import { attachmentKind } from './files';

export function shallowEqual<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || (a.length === b.length && a.every((x, i) => Object.is(x, b[i])));
}

/** The display name of a conversation: its title, or the other person in a direct one. */
export function conversationName(conversation: Conversation, meId: string): string {
  if (conversation.title) return conversation.title;
  const other = conversation.members.find((m) => m.user.id !== meId);
  return other?.user.displayName ?? 'Deleted account';
}

export function otherMember(conversation: Conversation, meId: string) {
  return conversation.type === 'direct' ? conversation.members.find((m) => m.user.id !== meId) : undefined;
}

/**
 * A direct conversation whose other person deleted their account: their membership went with it,
 * so only the viewer is left. It can be read, not written to.
 */
export function isWithDeletedAccount(conversation: Conversation, meId: string): boolean {
  return conversation.type === 'direct' && !conversation.members.some((m) => m.user.id !== meId);
}

// Sorting is the one costly answer; it depends only on the conversations, so a typing tick reuses it.
const sortedCache = new WeakMap<ChatState['conversations'], string[]>();

/** Newest activity first. */
export function sortedConversationIds(state: ChatState): string[] {
  let ids = sortedCache.get(state.conversations);
  if (!ids) {
    ids = Object.values(state.conversations)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.id.localeCompare(a.id)))
      .map((c) => c.id);
    sortedCache.set(state.conversations, ids);
  }
  return ids;
}

export function visibleConversationIds(state: ChatState, filter: string): string[] {
  const ids = sortedConversationIds(state);
  const f = filter.trim().toLowerCase();
  return f ? ids.filter((id) => conversationName(state.conversations[id], state.meId).toLowerCase().includes(f)) : ids;
}

export function myRole(state: ChatState, conversationId: string): Role | undefined {
  return state.conversations[conversationId]?.members.find((m) => m.user.id === state.meId)?.role;
}

const nobody: string[] = [];

/** The names of the people typing there who are still members (compare with shallowEqual). */
export function typingNames(state: ChatState, conversationId: string): string[] {
  const people = state.typing[conversationId];
  const conversation = state.conversations[conversationId];
  if (!people || !conversation) return nobody;
  return Object.keys(people)
    .map((id) => conversation.members.find((m) => m.user.id === id)?.user.displayName)
    .filter((n): n is string => Boolean(n));
}

/** The message that carries the "Seen" line: our newest one that is not deleted, once nothing is pending. */
export function receiptMessageId(state: ChatState, conversationId: string): string | null {
  const ids = state.timelines[conversationId]?.ids ?? [];
  if (ids.length > 0 && isLocalId(ids[ids.length - 1])) return null;
  for (let i = ids.length - 1; i >= 0; i--) {
    const m = state.messages[ids[i]];
    if (m && m.sender?.id === state.meId && !m.deletedAt) return m.id;
  }
  return null;
}

/** "Seen" under your latest message in a direct chat, "Seen by N" in a group. */
export function receiptText(state: ChatState, conversationId: string, messageId: string): string {
  const conversation = state.conversations[conversationId];
  const seq = state.messages[messageId]?.seq ?? Infinity;
  const readers = conversation?.members.filter((m) => m.user.id !== state.meId && m.lastReadSeq >= seq).length ?? 0;
  if (readers === 0) return 'Sent';
  return conversation?.type === 'direct' ? 'Seen' : `Seen by ${readers}`;
}

/** The inline images of the messages held for a conversation, oldest first: what the lightbox steps through (compare with shallowEqual). */
export function conversationImages(state: ChatState, conversationId: string): Attachment[] {
  const images: Attachment[] = [];
  for (const id of state.timelines[conversationId]?.ids ?? []) {
    const m = state.messages[id];
    if (!m || m.deletedAt) continue;
    for (const a of m.attachments) if (attachmentKind(a) === 'image') images.push(a);
  }
  return images;
}
