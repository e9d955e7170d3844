// Our sends before the server has them: messages with status 'sending' or 'failed', keyed by a
// local id derived from their clientId, placed after the stored messages of their timeline.
// The stored copy replaces one when it is acknowledged (timeline.ts), so nothing renders twice.
import 'client-only';
import type { Attachment } from '@/lib/schemas/responses';
import { dropPending } from './timeline';
import { emptyTimeline, localId, type ChatMessage, type ChatState } from './chatState';

/** `attachments` are uploads already on the server; a send may be files only (body ''). */
export type NewSend = { clientId: string; conversationId: string; body: string; createdAt: string; attachments?: Attachment[] };

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

/** 'failed' after the timeout or a refusal; back to 'sending' on Retry. Nothing once it was acknowledged. */
export function setSendStatus(state: ChatState, clientId: string, status: 'sending' | 'failed', error?: string): ChatState {
  const id = localId(clientId);
  const pending = state.messages[id];
  if (!pending || (pending.status === status && pending.error === error)) return state;
  return { ...state, messages: { ...state.messages, [id]: { ...pending, status, error } } };
}

export function discardPending(state: ChatState, clientId: string): ChatState {
  return dropPending(state, clientId);
}

export function pendingSend(state: ChatState, clientId: string): ChatMessage | undefined {
  const m = state.messages[localId(clientId)];
  return m && m.status !== 'sent' ? m : undefined;
}

/** What to send again, with the same clientId, after a reconnect. */
export function stillSending(state: ChatState): ChatMessage[] {
  return Object.values(state.messages).filter((m) => m.status === 'sending');
}
