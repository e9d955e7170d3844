// The chat client's state and the pure functions that change it. No I/O here: the store
// (chatStore.ts) feeds events and replies in, and React reads the result.
import type { Conversation, Message } from '@/lib/conversations/shape';

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'offline';

export type PendingMessage = {
  clientId: string;
  conversationId: string;
  body: string;
  status: 'sending' | 'failed';
  error?: string;
  createdAt: string;
};

export type Thread = {
  /** Ascending by seq, no duplicates. */
  messages: Message[];
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  loaded: boolean;
  error?: string;
};

export type ChatState = {
  meId: string;
  connection: Connection;
  conversations: Record<string, Conversation>;
  conversationsLoaded: boolean;
  threads: Record<string, Thread>;
  pending: Record<string, PendingMessage>;
  /** conversationId → userId → when the indicator expires (ms since epoch). */
  typing: Record<string, Record<string, number>>;
  /** Set when the open conversation was removed under the viewer. */
  removedNotice: string | null;
};

export function initialState(meId: string): ChatState {
  return {
    meId,
    connection: 'connecting',
    conversations: {},
    conversationsLoaded: false,
    threads: {},
    pending: {},
    typing: {},
    removedNotice: null,
  };
}

export const emptyThread: Thread = { messages: [], hasMoreBefore: false, loadingOlder: false, loaded: false };

/** Merges messages into an ascending, de-duplicated list (a newer copy of the same id wins). */
export function mergeMessages(existing: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return existing;
  const bySeq = new Map(existing.map((m) => [m.seq, m]));
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function lastSeqOf(thread: Thread | undefined): number {
  return thread?.messages.at(-1)?.seq ?? 0;
}

export function sortedConversations(state: ChatState): Conversation[] {
  return Object.values(state.conversations).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : b.id.localeCompare(a.id)));
}

export function unreadTotal(state: ChatState): number {
  return Object.values(state.conversations).reduce((n, c) => n + c.unreadCount, 0);
}

/** A message arrived: into its thread (when that thread is loaded and contiguous), and into the list. */
export function applyNewMessage(state: ChatState, message: Message, viewing: boolean): ChatState {
  const conversation = state.conversations[message.conversationId];
  const thread = state.threads[message.conversationId];
  const pending = { ...state.pending };
  if (message.clientId && message.sender?.id === state.meId) delete pending[message.clientId];

  let threads = state.threads;
  if (thread?.loaded && (message.seq <= lastSeqOf(thread) + 1 || thread.messages.length === 0)) {
    threads = { ...threads, [message.conversationId]: { ...thread, messages: mergeMessages(thread.messages, [message]) } };
  }
  let conversations = state.conversations;
  if (conversation && message.seq > conversation.lastSeq) {
    const mine = message.sender?.id === state.meId;
    conversations = {
      ...conversations,
      [conversation.id]: {
        ...conversation,
        lastSeq: message.seq,
        lastMessage: message,
        updatedAt: message.createdAt > conversation.updatedAt ? message.createdAt : conversation.updatedAt,
        unreadCount: mine || viewing ? conversation.unreadCount : conversation.unreadCount + 1,
      },
    };
  }
  return { ...state, threads, conversations, pending };
}

export function applyUpdatedMessage(state: ChatState, message: Message): ChatState {
  const thread = state.threads[message.conversationId];
  const conversation = state.conversations[message.conversationId];
  return {
    ...state,
    threads: thread ? { ...state.threads, [message.conversationId]: { ...thread, messages: thread.messages.map((m) => (m.id === message.id ? message : m)) } } : state.threads,
    conversations:
      conversation?.lastMessage?.id === message.id ? { ...state.conversations, [conversation.id]: { ...conversation, lastMessage: message } } : state.conversations,
  };
}

export function applyDeletedMessage(state: ChatState, deleted: { id: string; conversationId: string }): ChatState {
  const tombstone = (m: Message): Message => (m.id === deleted.id ? { ...m, body: null, deletedAt: m.deletedAt ?? new Date().toISOString() } : m);
  const thread = state.threads[deleted.conversationId];
  const conversation = state.conversations[deleted.conversationId];
  return {
    ...state,
    threads: thread ? { ...state.threads, [deleted.conversationId]: { ...thread, messages: thread.messages.map(tombstone) } } : state.threads,
    conversations:
      conversation?.lastMessage?.id === deleted.id
        ? { ...state.conversations, [conversation.id]: { ...conversation, lastMessage: tombstone(conversation.lastMessage) } }
        : state.conversations,
  };
}

export function applyConversation(state: ChatState, conversation: Conversation): ChatState {
  const known = state.conversations[conversation.id];
  // An event may be older than what a message already told us; keep the newest last message.
  const merged = known && known.lastSeq > conversation.lastSeq ? { ...conversation, lastSeq: known.lastSeq, lastMessage: known.lastMessage, updatedAt: known.updatedAt } : conversation;
  return { ...state, conversations: { ...state.conversations, [conversation.id]: merged } };
}

export function applyRemoved(state: ChatState, conversationId: string, activeId: string | null): ChatState {
  const conversations = { ...state.conversations };
  const threads = { ...state.threads };
  const title = conversations[conversationId]?.title;
  delete conversations[conversationId];
  delete threads[conversationId];
  return {
    ...state,
    conversations,
    threads,
    removedNotice: activeId === conversationId ? `You are no longer in ${title ? `“${title}”` : 'that conversation'}.` : state.removedNotice,
  };
}

export function applyRead(state: ChatState, read: { conversationId: string; userId: string; seq: number }): ChatState {
  const conversation = state.conversations[read.conversationId];
  if (!conversation) return state;
  const members = conversation.members.map((m) => (m.user.id === read.userId && m.lastReadSeq < read.seq ? { ...m, lastReadSeq: read.seq } : m));
  const unreadCount = read.userId === state.meId && read.seq >= conversation.lastSeq ? 0 : conversation.unreadCount;
  return { ...state, conversations: { ...state.conversations, [conversation.id]: { ...conversation, members, unreadCount } } };
}

export function applyPresence(state: ChatState, presence: { userId: string; online: boolean; lastSeenAt: string | null }): ChatState {
  const conversations: Record<string, Conversation> = {};
  for (const [id, c] of Object.entries(state.conversations)) {
    conversations[id] = c.members.some((m) => m.user.id === presence.userId)
      ? {
          ...c,
          members: c.members.map((m) =>
            m.user.id === presence.userId ? { ...m, user: { ...m.user, online: presence.online, lastSeenAt: presence.lastSeenAt ?? m.user.lastSeenAt } } : m,
          ),
        }
      : c;
  }
  return { ...state, conversations };
}

export function applyTyping(state: ChatState, event: { conversationId: string; userId: string; typing: boolean }, now: number): ChatState {
  const current = { ...(state.typing[event.conversationId] ?? {}) };
  if (event.typing) current[event.userId] = now + 6000;
  else delete current[event.userId];
  return { ...state, typing: { ...state.typing, [event.conversationId]: current } };
}

export function expireTyping(state: ChatState, now: number): ChatState {
  let changed = false;
  const typing: ChatState['typing'] = {};
  for (const [conversationId, people] of Object.entries(state.typing)) {
    const alive = Object.fromEntries(Object.entries(people).filter(([, until]) => until > now));
    if (Object.keys(alive).length !== Object.keys(people).length) changed = true;
    typing[conversationId] = alive;
  }
  return changed ? { ...state, typing } : state;
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
