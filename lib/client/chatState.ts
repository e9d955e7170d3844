// The chat client's normalised state: entities by id, one ordered id list per conversation, and
// pending sends stored as messages with a status so they render on the same path as stored ones.
// The reducers live beside this file (timeline.ts, pending.ts, conversationState.ts, members.ts,
// typing.ts); all are pure, so the store (chatStore.ts) is the only place with I/O.
import 'client-only';
import type { Conversation, Message, PublicUser } from '@/lib/schemas/responses';
import { notifyingUnread } from './notifications';

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'offline';

/**
 * A stored message ('sent'), or one of ours the server has not acknowledged yet. A send the
 * server refused for a while (rate limited) carries `retryAt` (ms since epoch), when it goes again by itself.
 */
export type ChatMessage = Message & { status: 'sent' | 'sending' | 'failed'; error?: string; retryAt?: number };

export type Timeline = {
  /** Stored messages ascending by seq without duplicates, then pending sends in the order they were written. */
  ids: string[];
  hasMoreBefore: boolean;
  loadingOlder: boolean;
  /**
   * A window of history away from the newest message (opened around a quoted or linked message):
   * newer messages are loaded as the reader scrolls down, and live ones wait until then.
   */
  hasMoreAfter: boolean;
  loadingNewer: boolean;
  loaded: boolean;
  error?: string;
};

export type ChatState = {
  meId: string;
  connection: Connection;
  conversations: Record<string, Conversation>;
  conversationsLoaded: boolean;
  messages: Record<string, ChatMessage>;
  timelines: Record<string, Timeline>;
  /** conversationId → userId → when the indicator expires (ms since epoch). */
  typing: Record<string, Record<string, number>>;
  /** Set when the open conversation was removed under the viewer. */
  removedNotice: string | null;
  /** The signed-in person's profile as last heard live (`user:updated`); null until it changes in this tab. */
  me: PublicUser | null;
};

/** How the pieces of the store read and replace the one state. */
export type StateCell = { get(): ChatState; set(next: ChatState): void };

export function initialState(meId: string): ChatState {
  return {
    meId,
    connection: 'connecting',
    conversations: {},
    conversationsLoaded: false,
    messages: {},
    timelines: {},
    typing: {},
    removedNotice: null,
    me: null,
  };
}

export const emptyTimeline: Timeline = { ids: [], hasMoreBefore: false, loadingOlder: false, hasMoreAfter: false, loadingNewer: false, loaded: false };

/** A pending send's key until it is acknowledged; derived from its clientId so a resend finds it. */
export function localId(clientId: string): string {
  return `local:${clientId}`;
}

export function isLocalId(id: string): boolean {
  return id.startsWith('local:');
}

/** The seq of the newest stored message in the conversation's timeline, 0 when there is none. */
export function lastSeqOf(state: ChatState, conversationId: string): number {
  const ids = state.timelines[conversationId]?.ids ?? [];
  for (let i = ids.length - 1; i >= 0; i--) if (!isLocalId(ids[i])) return state.messages[ids[i]]?.seq ?? 0;
  return 0;
}

export function firstSeqOf(state: ChatState, conversationId: string): number {
  const first = state.timelines[conversationId]?.ids[0];
  return first && !isLocalId(first) ? (state.messages[first]?.seq ?? 0) : 0;
}

export function patchTimeline(state: ChatState, conversationId: string, patch: Partial<Timeline>): ChatState {
  const timeline = state.timelines[conversationId] ?? emptyTimeline;
  return { ...state, timelines: { ...state.timelines, [conversationId]: { ...timeline, ...patch } } };
}

/** The unread messages of the conversations that are not muted: the title's and the Chats badge's count. */
export function unreadTotal(state: ChatState): number {
  return notifyingUnread(Object.values(state.conversations));
}
