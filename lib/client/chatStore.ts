// The chat client: one store per tab that owns the socket, loads over REST, applies live events,
// and catches up after every reconnect. The state changes only through the pure reducers; this
// class decides when, and tells React's subscribers.
import 'client-only';
import type { Attachment, Conversation, Message, PublicUser } from '@/lib/schemas/responses';
import { api } from './api';
import { initialState, lastSeqOf, patchTimeline, type ChatState, type StateCell } from './chatState';
import { applyConversation, applyRead, patchConversation } from './conversationState';
import { watchConnection } from './connection';
import { DraftSync } from './drafts';
import { fetchAfter, fetchAround, fetchLatest, fetchNewer, fetchOlder, loadConversations, refreshConversation } from './history';
import { listenToLiveEvents } from './liveEvents';
import type { NotifyLevel } from './notifications';
import { closeNotices, noticeArrived, registerIfPermitted } from './push';
import { SendQueue } from './sendQueue';
import { getSocket, request } from './socket';
import { applyDeletedMessage, applyUpdatedMessage, quoteOf, replaceWindow } from './timeline';
import { expireTyping } from './typing';
import { applyUserUpdated } from './users';

export class ChatStore {
  private state: ChatState;
  private listeners = new Set<() => void>();
  private started = false;
  private everConnected = false;
  private activeId: string | null = null;
  private typingSentAt = 0;
  private readonly cell: StateCell = { get: () => this.state, set: (next) => this.set(next) };
  private readonly sends = new SendQueue(this.cell);
  private readonly drafts = new DraftSync(this.cell);

  constructor(meId: string) {
    this.state = initialState(meId);
  }

  // ── React binding ─────────────────────────────────────────────────────────
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.state;

  private set(next: ChatState) {
    if (next === this.state) return;
    this.state = next;
    for (const l of this.listeners) l();
  }

  // ── Lifecycle ─────────────────────────────────────────────────────────────
  start() {
    if (this.started) return;
    this.started = true;
    const socket = getSocket();
    watchConnection(socket, { onConnect: () => void this.onConnect(), setConnection: (c) => this.setConnection(c) });
    listenToLiveEvents(socket, {
      cell: this.cell,
      activeId: () => this.activeId,
      isViewing: (id) => this.isViewing(id),
      markRead: (id) => this.markRead(id),
      draftUpdated: (draft) => this.draftUpdated(draft),
      notified: (notice) => noticeArrived(notice, this.activeId, this.state.conversations[notice.conversationId]?.notify),
      readByMe: (id) => void closeNotices(id).catch(() => {}),
    });
    registerIfPermitted();
    window.addEventListener('focus', this.onAttention);
    document.addEventListener('visibilitychange', this.onAttention);
    setInterval(() => this.set(expireTyping(this.state, Date.now())), 1000);
    socket.connect();
    void loadConversations(this.cell, this.activeId);
  }

  private onAttention = () => {
    if (this.activeId) this.markRead(this.activeId);
  };

  private setConnection(connection: ChatState['connection']) {
    if (this.state.connection !== connection) this.set({ ...this.state, connection });
  }

  private async onConnect() {
    this.setConnection('online');
    const reconnect = this.everConnected;
    this.everConnected = true;
    if (reconnect) await this.catchUp();
    this.sends.resendAll();
  }

  /** After a disconnect: every loaded timeline that is behind fetches what it missed, in order. */
  private async catchUp() {
    try {
      const conversations = await loadConversations(this.cell, this.activeId);
      // A window of older history catches up as its reader scrolls down, not now.
      const behind = conversations.filter((c) => {
        const timeline = this.state.timelines[c.id];
        return timeline?.loaded && !timeline.hasMoreAfter && c.lastSeq > lastSeqOf(this.state, c.id);
      });
      await Promise.all(behind.map((c) => fetchAfter(this.cell, c.id)));
      if (this.activeId) this.markRead(this.activeId);
    } catch {
      // offline again: the next connect retries
    }
  }

  private isViewing(conversationId: string) {
    return this.activeId === conversationId && document.visibilityState === 'visible' && document.hasFocus();
  }

  /** Newer messages than the timeline holds (one arrived while a page was in flight, or while away). */
  private async fillTo(conversationId: string) {
    const conversation = this.state.conversations[conversationId];
    if (this.state.timelines[conversationId]?.hasMoreAfter) return;
    if (conversation && conversation.lastSeq > lastSeqOf(this.state, conversationId)) await fetchAfter(this.cell, conversationId);
  }

  // ── Opening and reading ───────────────────────────────────────────────────
  async openTimeline(conversationId: string) {
    this.activeId = conversationId;
    if (this.state.removedNotice) this.set({ ...this.state, removedNotice: null });
    if (!this.state.timelines[conversationId]?.loaded) {
      if (!(await fetchLatest(this.cell, conversationId))) return;
      if (!this.state.conversations[conversationId]) await refreshConversation(this.cell, conversationId);
    }
    await this.fillTo(conversationId).catch(() => {});
    this.markRead(conversationId);
  }

  closeTimeline(conversationId: string) {
    if (this.activeId === conversationId) this.activeId = null;
  }

  loadOlder(conversationId: string) {
    return fetchOlder(this.cell, conversationId);
  }

  /** While reading a window of older history: the next page below it (and, at the newest, what came meanwhile). */
  async loadNewer(conversationId: string) {
    await fetchNewer(this.cell, conversationId);
    await this.fillTo(conversationId).catch(() => {});
  }

  /**
   * Makes sure the message with this seq is in the timeline, loading history around it when it is
   * not; answers its id (null when there is no such message, or loading failed).
   */
  async jumpTo(conversationId: string, seq: number): Promise<string | null> {
    const find = () => this.state.timelines[conversationId]?.ids.find((id) => this.state.messages[id]?.seq === seq) ?? null;
    const held = find();
    if (held) return held;
    try {
      await fetchAround(this.cell, conversationId, seq);
    } catch {
      return null;
    }
    return find();
  }

  /** Back from a window of older history to the newest messages. */
  async jumpToLatest(conversationId: string) {
    if (!this.state.timelines[conversationId]?.hasMoreAfter) return;
    this.set(replaceWindow(this.state, conversationId, [], { hasMoreBefore: false, hasMoreAfter: false }));
    this.set(patchTimeline(this.state, conversationId, { loaded: false }));
    if (await fetchLatest(this.cell, conversationId)) await this.fillTo(conversationId).catch(() => {});
  }

  markRead(conversationId: string) {
    const conversation = this.state.conversations[conversationId];
    if (!conversation || !this.isViewing(conversationId)) return;
    const mine = conversation.members.find((m) => m.user.id === this.state.meId);
    if (conversation.unreadCount === 0 && (mine?.lastReadSeq ?? 0) >= conversation.lastSeq) return;
    this.set(applyRead(this.state, { conversationId, userId: this.state.meId, seq: conversation.lastSeq }));
    void request('conversation:read', { conversationId, seq: conversation.lastSeq }).catch(() => {});
    void closeNotices(conversationId).catch(() => {});
  }

  // ── Writing ───────────────────────────────────────────────────────────────
  /** Sends (a reply when `replyTo` is given); the draft goes with it, here and on the server. */
  send(conversationId: string, body: string, attachments: Attachment[] = [], replyTo: Message | null = null) {
    void this.jumpToLatest(conversationId);
    this.drafts.sent(conversationId);
    this.sends.send(conversationId, body, attachments, replyTo && quoteOf(replyTo));
    this.typing(conversationId, false);
  }

  async react(messageId: string, emoji: string) {
    const { message } = await request('reaction:add', { messageId, emoji });
    this.set(applyUpdatedMessage(this.state, message));
  }

  async unreact(messageId: string, emoji: string) {
    const { message } = await request('reaction:remove', { messageId, emoji });
    this.set(applyUpdatedMessage(this.state, message));
  }

  /** What is being written in a conversation: kept here at once, saved to the server about a second after the last keystroke. */
  saveDraft = (conversationId: string, body: string) => this.drafts.save(conversationId, body);
  /** Saves a draft still waiting for its second now (leaving the conversation). */
  flushDraft = (conversationId: string) => this.drafts.flush(conversationId);
  /** Tells `listener` of drafts changed elsewhere (another tab or device); not of this tab's own saves. */
  onRemoteDraft = (listener: (conversationId: string, body: string) => void) => this.drafts.onRemote(listener);

  private draftUpdated(draft: { conversationId: string; body: string; updatedAt: string }) {
    this.drafts.heard(draft);
  }

  retry = (clientId: string) => this.sends.retry(clientId);
  retryAll = (conversationId: string) => this.sends.retryAll(conversationId);
  discard = (clientId: string) => this.sends.discard(clientId);

  async edit(messageId: string, body: string) {
    const { message } = await request('message:edit', { messageId, body });
    this.set(applyUpdatedMessage(this.state, message));
  }

  async remove(message: { id: string; conversationId: string }) {
    await request('message:delete', { messageId: message.id });
    this.set(applyDeletedMessage(this.state, message));
  }

  /** Typing indicators: "true" at most every 3 s while typing, "false" when done. */
  typing(conversationId: string, typing: boolean) {
    const now = Date.now();
    if (typing && now - this.typingSentAt < 3000) return;
    if (!typing && this.typingSentAt === 0) return;
    this.typingSentAt = typing ? now : 0;
    if (getSocket().connected) getSocket().emit('typing', { conversationId, typing });
  }

  /** A profile from a REST reply of ours (avatar or profile saved), before its `user:updated` arrives. */
  updateUser(user: PublicUser) {
    this.set(applyUserUpdated(this.state, user));
  }

  /** Which messages of a conversation notify you; the reply is the whole conversation (your other tabs hear `conversation:updated`). */
  async setNotify(conversationId: string, level: NotifyLevel) {
    const before = this.state.conversations[conversationId]?.notify;
    // Shown at once (a radio that springs back until the answer comes reads as refused); put back if it is.
    this.set(patchConversation(this.state, conversationId, (c) => ({ ...c, notify: level })));
    try {
      const { conversation } = await api<{ conversation: Conversation }>(`/api/conversations/${conversationId}/notify`, { method: 'PUT', body: { level } });
      this.upsert(conversation);
    } catch (e) {
      if (before) this.set(patchConversation(this.state, conversationId, (c) => ({ ...c, notify: before })));
      throw e;
    }
  }

  /** A whole conversation from a REST reply (created, renamed, members changed by this tab). */
  upsert(conversation: Conversation) {
    this.set(applyConversation(this.state, conversation));
  }
}

let store: ChatStore | null = null;

/** One store per tab, for the signed-in person. */
export function chatStore(meId: string): ChatStore {
  if (!store || store.getSnapshot().meId !== meId) store = new ChatStore(meId);
  return store;
}
