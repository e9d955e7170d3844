// Conversations in the client state: whole ones from REST and `conversation:updated`, a rename
// as a delta, removal, read markers and presence. Member deltas are in members.ts.
import 'client-only';
import type { Conversation } from '@/lib/schemas/responses';
import type { ChatState } from './chatState';

/** The later of two ISO times (both are the server's `toISOString()`, so strings compare). */
export const later = (a: string, b: string) => (a > b ? a : b);

/** Changes one known conversation; an event about one we do not know changes nothing. */
export function patchConversation(state: ChatState, id: string, change: (c: Conversation) => Conversation): ChatState {
  const conversation = state.conversations[id];
  if (!conversation) return state;
  return { ...state, conversations: { ...state.conversations, [id]: change(conversation) } };
}

export function applyConversation(state: ChatState, conversation: Conversation): ChatState {
  const known = state.conversations[conversation.id];
  // A reply may be older than what a live message already told us; keep the newest last message.
  const merged =
    known && known.lastSeq > conversation.lastSeq
      ? { ...conversation, lastSeq: known.lastSeq, lastMessage: known.lastMessage, updatedAt: known.updatedAt }
      : conversation;
  return { ...state, conversations: { ...state.conversations, [conversation.id]: merged } };
}

export function applyConversationChanged(state: ChatState, change: { conversationId: string; title: string | null; updatedAt: string }): ChatState {
  return patchConversation(state, change.conversationId, (c) => ({ ...c, title: change.title, updatedAt: later(c.updatedAt, change.updatedAt) }));
}

/** The viewer left or was removed: forget the conversation and its messages, and say so if it was open. */
export function applyRemoved(state: ChatState, conversationId: string, activeId: string | null): ChatState {
  const conversations = { ...state.conversations };
  const timelines = { ...state.timelines };
  const typing = { ...state.typing };
  const messages = { ...state.messages };
  const title = conversations[conversationId]?.title;
  for (const id of timelines[conversationId]?.ids ?? []) delete messages[id];
  delete conversations[conversationId];
  delete timelines[conversationId];
  delete typing[conversationId];
  return {
    ...state,
    conversations,
    timelines,
    typing,
    messages,
    removedNotice: activeId === conversationId ? `You are no longer in ${title ? `“${title}”` : 'that conversation'}.` : state.removedNotice,
  };
}

export function applyRead(state: ChatState, read: { conversationId: string; userId: string; seq: number }): ChatState {
  return patchConversation(state, read.conversationId, (c) => ({
    ...c,
    members: c.members.map((m) => (m.user.id === read.userId && m.lastReadSeq < read.seq ? { ...m, lastReadSeq: read.seq } : m)),
    unreadCount: read.userId === state.meId && read.seq >= c.lastSeq ? 0 : c.unreadCount,
    unreadMentions: read.userId === state.meId && read.seq >= c.lastSeq ? 0 : c.unreadMentions,
  }));
}

/** The viewer's draft in a conversation, as saved here or heard from another device ('' clears it). */
export function applyDraft(state: ChatState, draft: { conversationId: string; body: string; updatedAt: string }): ChatState {
  return patchConversation(state, draft.conversationId, (c) => ({ ...c, draft: draft.body === '' ? null : { body: draft.body, updatedAt: draft.updatedAt } }));
}

/** Someone came or went: every conversation they are in shows it; the others keep their identity. */
export function applyPresence(state: ChatState, presence: { userId: string; online: boolean; lastSeenAt: string | null }): ChatState {
  let conversations: ChatState['conversations'] | null = null;
  for (const [id, c] of Object.entries(state.conversations)) {
    if (!c.members.some((m) => m.user.id === presence.userId)) continue;
    conversations ??= { ...state.conversations };
    conversations[id] = {
      ...c,
      members: c.members.map((m) =>
        m.user.id === presence.userId ? { ...m, user: { ...m.user, online: presence.online, lastSeenAt: presence.lastSeenAt ?? m.user.lastSeenAt } } : m,
      ),
    };
  }
  return conversations ? { ...state, conversations } : state;
}
