// The server's live events, each into its reducer. Payloads are typed by the event catalogue
// (lib/schemas/events.ts); a delta about a conversation we do not hold fetches it whole instead.
import 'client-only';
import type { ChatState, StateCell } from './chatState';
import { applyConversation, applyConversationChanged, applyPresence, applyRead, applyRemoved } from './conversationState';
import { fetchAfter, refreshConversation } from './history';
import { applyMemberRemoved, applyMembersAdded, applyMemberUpdated } from './members';
import type { NotificationNotice } from './notifications';
import type { RelaySocket } from './socket';
import { applyDeletedMessage, applyNewMessage, applyReactions, applyUpdatedMessage, continuesTimeline } from './timeline';
import { applyTyping } from './typing';
import { applyUserUpdated } from './users';

export type LiveContext = {
  cell: StateCell;
  activeId(): string | null;
  /** The conversation is open, and the tab visible and focused: what arrives there is read. */
  isViewing(conversationId: string): boolean;
  markRead(conversationId: string): void;
  /** The viewer's draft changed on the server (saved here, on another device, or cleared by a send). */
  draftUpdated(draft: { conversationId: string; body: string; updatedAt: string }): void;
  /** A message someone may want to hear of (the page decides whether to show it). */
  notified(notice: NotificationNotice): void;
  /** The viewer read a conversation, here or on another device. */
  readByMe(conversationId: string): void;
};

type Reducer<T> = (state: ChatState, payload: T) => ChatState;

export function listenToLiveEvents(socket: RelaySocket, { cell, activeId, isViewing, markRead, draftUpdated, notified, readByMe }: LiveContext) {
  const apply =
    <T>(reduce: Reducer<T>) =>
    (payload: T) =>
      cell.set(reduce(cell.get(), payload));
  const delta =
    <T extends { conversationId: string }>(reduce: Reducer<T>) =>
    (payload: T) => {
      if (!cell.get().conversations[payload.conversationId]) return void refreshConversation(cell, payload.conversationId);
      cell.set(reduce(cell.get(), payload));
    };

  socket.on('message:new', (message) => {
    const timeline = cell.get().timelines[message.conversationId];
    // Past a gap (missed while away, or out of order) the message waits for the fetch that fills it.
    // A window of older history (hasMoreAfter) takes it when the reader scrolls down to it.
    const gap = Boolean(timeline?.loaded) && !timeline?.hasMoreAfter && !continuesTimeline(cell.get(), message);
    cell.set(applyNewMessage(cell.get(), message, isViewing(message.conversationId)));
    if (!cell.get().conversations[message.conversationId]) void refreshConversation(cell, message.conversationId);
    if (gap) void fetchAfter(cell, message.conversationId).catch(() => {});
    if (isViewing(message.conversationId)) markRead(message.conversationId);
  });
  socket.on('message:updated', apply(applyUpdatedMessage));
  socket.on('message:reactions', apply(applyReactions));
  socket.on('draft:updated', draftUpdated);
  socket.on('message:deleted', (deleted) => {
    cell.set(applyDeletedMessage(cell.get(), deleted));
    // The preview and the unread count may both have changed with it.
    void refreshConversation(cell, deleted.conversationId);
  });
  socket.on('conversation:updated', apply(applyConversation));
  socket.on('conversation:changed', delta(applyConversationChanged));
  socket.on('conversation:removed', ({ conversationId }) => cell.set(applyRemoved(cell.get(), conversationId, activeId())));
  socket.on('member:added', delta(applyMembersAdded));
  socket.on('member:removed', delta(applyMemberRemoved));
  socket.on('member:updated', delta(applyMemberUpdated));
  socket.on('read', (read) => {
    cell.set(applyRead(cell.get(), read));
    if (read.userId === cell.get().meId) readByMe(read.conversationId);
  });
  socket.on('notification', notified);
  socket.on('presence', apply(applyPresence));
  socket.on('user:updated', apply(applyUserUpdated));
  socket.on('typing', (typing) => cell.set(applyTyping(cell.get(), typing, Date.now())));
}
