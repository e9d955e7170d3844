// Stored messages into a conversation's timeline: merged by seq without duplicates, kept only when
// contiguous (a gap is fetched, never papered over), edited and deleted in place.
import 'client-only';
import type { Message } from '@/lib/schemas/responses';
import { emptyTimeline, isLocalId, lastSeqOf, localId, type ChatMessage, type ChatState } from './chatState';

const sent = (m: Message): ChatMessage => ({ ...m, status: 'sent' });

/** Our own message, stored: the pending send with its clientId (if any) has done its job. */
function isOwnEcho(state: ChatState, m: Message): m is Message & { clientId: string } {
  return Boolean(m.clientId) && m.sender?.id === state.meId;
}

/** Merges stored messages into the timeline (a newer copy of the same seq wins); pending sends stay last. */
export function mergeStored(state: ChatState, conversationId: string, incoming: Message[]): ChatState {
  if (incoming.length === 0) return state;
  const timeline = state.timelines[conversationId] ?? emptyTimeline;
  const messages = { ...state.messages };
  const bySeq = new Map<number, string>();
  const local: string[] = [];
  for (const id of timeline.ids) {
    if (isLocalId(id)) local.push(id);
    else if (messages[id]) bySeq.set(messages[id].seq, id);
  }
  for (const m of incoming) {
    const displaced = bySeq.get(m.seq);
    if (displaced && displaced !== m.id) delete messages[displaced];
    bySeq.set(m.seq, m.id);
    messages[m.id] = sent(m);
    if (isOwnEcho(state, m)) delete messages[localId(m.clientId)];
  }
  const stored = [...bySeq.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
  const ids = [...stored, ...local.filter((id) => messages[id])];
  return { ...state, messages, timelines: { ...state.timelines, [conversationId]: { ...timeline, ids } } };
}

/** Removes a pending send (acknowledged, seen in another tab's echo, or discarded). */
export function dropPending(state: ChatState, clientId: string): ChatState {
  const id = localId(clientId);
  const pending = state.messages[id];
  if (!pending) return state;
  const messages = { ...state.messages };
  delete messages[id];
  const timeline = state.timelines[pending.conversationId];
  const timelines = timeline ? { ...state.timelines, [pending.conversationId]: { ...timeline, ids: timeline.ids.filter((x) => x !== id) } } : state.timelines;
  return { ...state, messages, timelines };
}

/** Whether a live message continues the loaded timeline; past a gap it waits for a fetch instead. */
export function continuesTimeline(state: ChatState, message: Message): boolean {
  const timeline = state.timelines[message.conversationId];
  if (!timeline?.loaded || timeline.hasMoreAfter) return false;
  const last = lastSeqOf(state, message.conversationId);
  return last === 0 || message.seq <= last + 1;
}

/** A message arrived (live, or as the ack of our send): into its timeline when contiguous, and into the list. */
export function applyNewMessage(state: ChatState, message: Message, viewing: boolean): ChatState {
  let next = isOwnEcho(state, message) ? dropPending(state, message.clientId) : state;
  if (continuesTimeline(next, message)) next = mergeStored(next, message.conversationId, [message]);
  const conversation = next.conversations[message.conversationId];
  if (!conversation || message.seq <= conversation.lastSeq) return next;
  const mine = message.sender?.id === state.meId;
  const updated = {
    ...conversation,
    lastSeq: message.seq,
    lastMessage: message,
    updatedAt: message.createdAt > conversation.updatedAt ? message.createdAt : conversation.updatedAt,
    unreadCount: mine || viewing ? conversation.unreadCount : conversation.unreadCount + 1,
    unreadMentions: mine || viewing || !message.mentions.includes(state.meId) ? conversation.unreadMentions : conversation.unreadMentions + 1,
  };
  return { ...next, conversations: { ...next.conversations, [conversation.id]: updated } };
}

function replaceMessage(state: ChatState, conversationId: string, id: string, change: (m: Message) => Message): ChatState {
  const known = state.messages[id];
  const conversation = state.conversations[conversationId];
  const inList = conversation?.lastMessage?.id === id;
  if (!known && !inList) return state;
  return {
    ...state,
    messages: known ? { ...state.messages, [id]: { ...known, ...change(known), status: 'sent' } } : state.messages,
    conversations: inList
      ? { ...state.conversations, [conversationId]: { ...conversation, lastMessage: change(conversation.lastMessage!) } }
      : state.conversations,
  };
}

/** The replies held in the timeline that quote `quotedId` show it as it is now. */
function requote(state: ChatState, conversationId: string, quotedId: string, quote: (q: NonNullable<Message['replyTo']>) => Message['replyTo']): ChatState {
  let messages: ChatState['messages'] | null = null;
  for (const id of state.timelines[conversationId]?.ids ?? []) {
    const m = state.messages[id];
    if (m?.replyTo?.id !== quotedId) continue;
    messages ??= { ...state.messages };
    messages[id] = { ...m, replyTo: quote(m.replyTo) };
  }
  return messages ? { ...state, messages } : state;
}

export function applyUpdatedMessage(state: ChatState, message: Message): ChatState {
  const next = replaceMessage(state, message.conversationId, message.id, () => message);
  const excerpt = message.body === null ? null : [...message.body].slice(0, 200).join('');
  return requote(next, message.conversationId, message.id, (q) => ({ ...q, body: message.deletedAt ? null : excerpt, deletedAt: message.deletedAt }));
}

/** A deleted message stays in place as a tombstone, so seqs stay contiguous; replies quoting it say it went. */
export function applyDeletedMessage(state: ChatState, deleted: { id: string; conversationId: string }): ChatState {
  const deletedAt = new Date().toISOString();
  const next = replaceMessage(state, deleted.conversationId, deleted.id, (m) => ({ ...m, body: null, deletedAt: m.deletedAt ?? deletedAt }));
  return requote(next, deleted.conversationId, deleted.id, (q) => ({ ...q, body: null, deletedAt: q.deletedAt ?? deletedAt }));
}

/** Someone reacted or took a reaction back: the message's reactions as they are now. */
export function applyReactions(state: ChatState, change: { conversationId: string; messageId: string; reactions: Message['reactions'] }): ChatState {
  return replaceMessage(state, change.conversationId, change.messageId, (m) => ({ ...m, reactions: change.reactions }));
}

/** A window of history around a message, in place of what the timeline held (pending sends stay last). */
export function replaceWindow(state: ChatState, conversationId: string, items: Message[], more: { hasMoreBefore: boolean; hasMoreAfter: boolean }): ChatState {
  const timeline = state.timelines[conversationId] ?? emptyTimeline;
  const messages = { ...state.messages };
  const local = timeline.ids.filter(isLocalId);
  for (const id of timeline.ids) if (!isLocalId(id)) delete messages[id];
  const cleared: ChatState = {
    ...state,
    messages,
    timelines: { ...state.timelines, [conversationId]: { ...timeline, ...more, ids: local, loaded: true, loadingOlder: false, loadingNewer: false } },
  };
  return mergeStored(cleared, conversationId, items);
}

/** How a reply quotes the message it answers, while it is pending (the server's copy replaces it). */
export function quoteOf(m: Message): NonNullable<Message['replyTo']> {
  return {
    id: m.id,
    seq: m.seq,
    sender: m.sender && { id: m.sender.id, username: m.sender.username, displayName: m.sender.displayName },
    body: m.body === null ? null : [...m.body].slice(0, 200).join(''),
    deletedAt: m.deletedAt,
  };
}
