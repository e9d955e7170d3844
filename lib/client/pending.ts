// Our sends before the server has them: messages with status 'sending' or 'failed', keyed by a
// local id derived from their clientId, placed after the stored messages of their timeline.
// The stored copy replaces one when it is acknowledged (timeline.ts), so nothing renders twice.
import 'client-only';
import type { Attachment, Message } from '@/lib/schemas/responses';
import { dropPending } from './timeline';
import { emptyTimeline, localId, type ChatMessage, type ChatState } from './chatState';

/** `attachments` are uploads already on the server; a send may be files only (body ''). */
export type NewSend = {
  clientId: string;
  conversationId: string;
  body: string;
  createdAt: string;
  attachments?: Attachment[];
  /** The message it answers, shown quoted while it is pending. */
  replyTo?: Message['replyTo'];
};

/** How we appear on our own pending sends: as the conversation knows us, until the server answers. */
function senderOf(state: ChatState, conversationId: string): ChatMessage['sender'] {
  const me = state.conversations[conversationId]?.members.find((m) => m.user.id === state.meId)?.user;
  return { id: state.meId, username: me?.username ?? '', displayName: me?.displayName ?? '', avatarUrl: me?.avatarUrl ?? null };
}

export function addPending(state: ChatState, send: NewSend): ChatState {
  const id = localId(send.clientId);
  const message: ChatMessage = {
    id,
    conversationId: send.conversationId,
    seq: 0,
    sender: senderOf(state, send.conversationId),
    body: send.body,
    clientId: send.clientId,
    createdAt: send.createdAt,
    attachments: send.attachments ?? [],
    reactions: [],
    replyTo: send.replyTo ?? null,
    mentions: [],
    editedAt: null,
    deletedAt: null,
    status: 'sending',
  };
  const timeline = state.timelines[send.conversationId] ?? emptyTimeline;
  return {
    ...state,
    messages: { ...state.messages, [id]: message },
    timelines: { ...state.timelines, [send.conversationId]: { ...timeline, ids: [...timeline.ids.filter((x) => x !== id), id] } },
  };
}

/**
 * 'failed' after the timeout or a refusal (with `retryAt` when it goes again by itself); back to
 * 'sending' on Retry. Nothing once it was acknowledged.
 */
export function setSendStatus(state: ChatState, clientId: string, status: 'sending' | 'failed', error?: string, retryAt?: number): ChatState {
  const id = localId(clientId);
  const pending = state.messages[id];
  if (!pending || (pending.status === status && pending.error === error && pending.retryAt === retryAt)) return state;
  return { ...state, messages: { ...state.messages, [id]: { ...pending, status, error, retryAt } } };
}

export function discardPending(state: ChatState, clientId: string): ChatState {
  return dropPending(state, clientId);
}

export function pendingSend(state: ChatState, clientId: string): ChatMessage | undefined {
  const m = state.messages[localId(clientId)];
  return m && m.status !== 'sent' ? m : undefined;
}

/** The conversation's sends that did not go, in the order they were written (compare with shallowEqual). */
export function failedSends(state: ChatState, conversationId: string): string[] {
  const ids = state.timelines[conversationId]?.ids ?? [];
  const failed = ids.filter((id) => state.messages[id]?.status === 'failed');
  return failed.length ? failed.map((id) => state.messages[id].clientId!) : noSends;
}

const noSends: string[] = [];

/** What to send again, with the same clientId, after a reconnect. */
export function stillSending(state: ChatState): ChatMessage[] {
  return Object.values(state.messages).filter((m) => m.status === 'sending');
}

/**
 * How long a refusal asks us to wait, in seconds: rate_limited acknowledgements carry `retryAfter`
 * (and say it in their message, "… Try again in 8 s.", which older servers only did). null for any
 * other refusal.
 */
export function retryAfterOf(error: { code: string; message: string; retryAfter?: number }): number | null {
  if (error.code !== 'rate_limited') return null;
  if (error.retryAfter && error.retryAfter > 0) return error.retryAfter;
  const seconds = Number(/Try again in (\d+) s/i.exec(error.message)?.[1]);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_RETRY_AFTER_S;
}

const DEFAULT_RETRY_AFTER_S = 5;

/** A refusal's message without its "Try again in N s." (the countdown beside it says that, and keeps time). */
export function withoutWait(message: string): string {
  return message.replace(/\s*Try again in \d+ s\.?\s*$/i, '').trim() || message;
}
