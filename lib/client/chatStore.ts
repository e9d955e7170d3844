// The chat client: one store per tab that owns the socket, loads over REST, applies live events,
// retries sends with their clientId until acknowledged, and catches up after every reconnect.
import type { Conversation, Message } from '@/lib/conversations/shape';
import type { Page } from '@/lib/schemas/common';
import { api } from './api';
import {
  applyConversation,
  applyDeletedMessage,
  applyNewMessage,
  applyPresence,
  applyRead,
  applyRemoved,
  applyTyping,
  applyUpdatedMessage,
  emptyThread,
  expireTyping,
  initialState,
  lastSeqOf,
  mergeMessages,
  type ChatState,
  type PendingMessage,
} from './chatState';
import { AckError, getSocket, request } from './socket';

const PAGE = 50;
const SEND_TIMEOUT_MS = 10_000;

type History = { items: Message[]; hasMore: boolean };

export class ChatStore {
  private state: ChatState;
  private listeners = new Set<() => void>();
  private started = false;
  private everConnected = false;
  private activeId: string | null = null;
  private typingSentAt = 0;
  private timers: ReturnType<typeof setInterval>[] = [];
  private sendTimers = new Map<string, ReturnType<typeof setTimeout>>();

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
    socket.on('connect', () => void this.onConnect());
    socket.on('disconnect', (reason) => {
      this.setConnection(navigator.onLine ? 'reconnecting' : 'offline');
      // The server sent us away (it is shutting down, or this session was revoked): the library
      // does not retry that by itself. Reconnecting reaches another process, or says unauthorized.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500 + Math.random() * 1000);
    });
    socket.on('connect_error', (error) => {
      if (error.message === 'unauthorized') window.location.assign(`/login?callbackUrl=${encodeURIComponent(location.pathname)}`);
      else this.setConnection(navigator.onLine ? 'reconnecting' : 'offline');
      // A refusal by the server's middleware (the database briefly away) is not retried by the client library.
      if (error.message === 'unavailable') setTimeout(() => socket.connect(), 2000);
    });
    socket.on('message:new', (m: Message) => this.onMessage(m));
    socket.on('message:updated', (m: Message) => this.set(applyUpdatedMessage(this.state, m)));
    socket.on('message:deleted', (d: { id: string; conversationId: string }) => {
      this.set(applyDeletedMessage(this.state, d));
      void this.refreshConversation(d.conversationId);
    });
    socket.on('conversation:updated', (c: Conversation) => this.set(applyConversation(this.state, c)));
    socket.on('conversation:removed', ({ conversationId }: { conversationId: string }) => this.set(applyRemoved(this.state, conversationId, this.activeId)));
    socket.on('read', (r: { conversationId: string; userId: string; seq: number }) => this.set(applyRead(this.state, r)));
    socket.on('presence', (p: { userId: string; online: boolean; lastSeenAt: string | null }) => this.set(applyPresence(this.state, p)));
    socket.on('typing', (t: { conversationId: string; userId: string; typing: boolean }) => this.set(applyTyping(this.state, t, Date.now())));
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('focus', this.onAttention);
    document.addEventListener('visibilitychange', this.onAttention);
    this.timers.push(setInterval(() => this.set(expireTyping(this.state, Date.now())), 1000));
    socket.connect();
    void this.loadConversations();
  }

  private onOffline = () => {
    this.setConnection('offline');
    getSocket().disconnect();
  };

  private onOnline = () => {
    this.setConnection('reconnecting');
    getSocket().connect();
  };

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
    for (const p of Object.values(this.state.pending)) if (p.status === 'sending') void this.emitSend(p);
  }

  // ── Loading ───────────────────────────────────────────────────────────────
  async loadConversations(): Promise<Conversation[]> {
    const all: Conversation[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<Conversation> = await api(`/api/conversations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor && all.length < 1000);
    const known = new Set(all.map((c) => c.id));
    let next = this.state;
    for (const id of Object.keys(next.conversations)) if (!known.has(id)) next = applyRemoved(next, id, this.activeId);
    for (const c of all) next = applyConversation(next, c);
    this.set({ ...next, conversationsLoaded: true });
    return all;
  }

  private async refreshConversation(id: string) {
    try {
      const { conversation } = await api<{ conversation: Conversation }>(`/api/conversations/${id}`);
      this.set(applyConversation(this.state, conversation));
    } catch {
      // gone or offline: the next catch-up settles it
    }
  }

  /** After a disconnect: every loaded thread that is behind fetches what it missed, in order. */
  private async catchUp() {
    try {
      const conversations = await this.loadConversations();
      await Promise.all(conversations.map((c) => (this.state.threads[c.id]?.loaded && c.lastSeq > lastSeqOf(this.state.threads[c.id]) ? this.fetchAfter(c.id) : null)));
      if (this.activeId) this.markRead(this.activeId);
    } catch {
      // offline again: the next connect retries
    }
  }

  private async fetchAfter(conversationId: string) {
    for (;;) {
      const after = lastSeqOf(this.state.threads[conversationId]);
      const page = await api<History>(`/api/conversations/${conversationId}/messages?after=${after}&limit=100`);
      const thread = this.state.threads[conversationId] ?? emptyThread;
      this.set({ ...this.state, threads: { ...this.state.threads, [conversationId]: { ...thread, messages: mergeMessages(thread.messages, page.items) } } });
      if (!page.hasMore) return;
    }
  }

  async openThread(conversationId: string) {
    this.activeId = conversationId;
    if (this.state.removedNotice) this.set({ ...this.state, removedNotice: null });
    const existing = this.state.threads[conversationId];
    if (existing?.loaded) {
      const conversation = this.state.conversations[conversationId];
      if (conversation && conversation.lastSeq > lastSeqOf(existing)) await this.fetchAfter(conversationId);
      this.markRead(conversationId);
      return;
    }
    try {
      const page = await api<History>(`/api/conversations/${conversationId}/messages?limit=${PAGE}`);
      const thread = this.state.threads[conversationId] ?? emptyThread;
      this.set({
        ...this.state,
        threads: { ...this.state.threads, [conversationId]: { ...thread, messages: mergeMessages(thread.messages, page.items), hasMoreBefore: page.hasMore, loaded: true, error: undefined } },
      });
      if (!this.state.conversations[conversationId]) await this.refreshConversation(conversationId);
      // A message that arrived while the page was in flight is caught here.
      const conversation = this.state.conversations[conversationId];
      if (conversation && conversation.lastSeq > lastSeqOf(this.state.threads[conversationId])) await this.fetchAfter(conversationId);
      this.markRead(conversationId);
    } catch (e) {
      const thread = this.state.threads[conversationId] ?? emptyThread;
      this.set({ ...this.state, threads: { ...this.state.threads, [conversationId]: { ...thread, error: (e as Error).message } } });
    }
  }

  closeThread(conversationId: string) {
    if (this.activeId === conversationId) this.activeId = null;
  }

  async loadOlder(conversationId: string) {
    const thread = this.state.threads[conversationId];
    if (!thread?.loaded || !thread.hasMoreBefore || thread.loadingOlder) return;
    const patch = (t: Partial<typeof thread>) =>
      this.set({ ...this.state, threads: { ...this.state.threads, [conversationId]: { ...this.state.threads[conversationId], ...t } } });
    patch({ loadingOlder: true });
    try {
      const before = thread.messages[0]?.seq ?? 1;
      const page = await api<History>(`/api/conversations/${conversationId}/messages?before=${before}&limit=${PAGE}`);
      patch({ messages: mergeMessages(this.state.threads[conversationId].messages, page.items), hasMoreBefore: page.hasMore, loadingOlder: false });
    } catch {
      patch({ loadingOlder: false });
    }
  }

  // ── Live events ───────────────────────────────────────────────────────────
  private isViewing(conversationId: string) {
    return this.activeId === conversationId && document.visibilityState === 'visible' && document.hasFocus();
  }

  private onMessage(message: Message) {
    const thread = this.state.threads[message.conversationId];
    const gap = thread?.loaded && message.seq > lastSeqOf(thread) + 1 && thread.messages.length > 0;
    this.set(applyNewMessage(this.state, message, this.isViewing(message.conversationId)));
    if (!this.state.conversations[message.conversationId]) void this.refreshConversation(message.conversationId);
    if (gap) void this.fetchAfter(message.conversationId).catch(() => {});
    if (this.isViewing(message.conversationId)) this.markRead(message.conversationId);
  }

  // ── Actions ───────────────────────────────────────────────────────────────
  send(conversationId: string, body: string) {
    const pending: PendingMessage = { clientId: crypto.randomUUID(), conversationId, body, status: 'sending', createdAt: new Date().toISOString() };
    this.set({ ...this.state, pending: { ...this.state.pending, [pending.clientId]: pending } });
    this.typing(conversationId, false);
    void this.emitSend(pending);
  }

  retry(clientId: string) {
    const p = this.state.pending[clientId];
    if (!p) return;
    const again = { ...p, status: 'sending' as const, error: undefined };
    this.set({ ...this.state, pending: { ...this.state.pending, [clientId]: again } });
    void this.emitSend(again);
  }

  discard(clientId: string) {
    const pending = { ...this.state.pending };
    delete pending[clientId];
    this.set({ ...this.state, pending });
  }

  private fail(clientId: string, error: string) {
    const p = this.state.pending[clientId];
    if (p) this.set({ ...this.state, pending: { ...this.state.pending, [clientId]: { ...p, status: 'failed', error } } });
  }

  /** Sends (or resends, with the same clientId) until acknowledged; after a timeout it shows as not sent. */
  private async emitSend(p: PendingMessage) {
    clearTimeout(this.sendTimers.get(p.clientId));
    this.sendTimers.set(
      p.clientId,
      setTimeout(() => this.fail(p.clientId, 'Not sent'), SEND_TIMEOUT_MS),
    );
    if (!getSocket().connected) return; // resent on reconnect, or failed by the timer
    try {
      const { message } = await request<{ message: Message }>('message:send', { conversationId: p.conversationId, body: p.body, clientId: p.clientId }, SEND_TIMEOUT_MS);
      clearTimeout(this.sendTimers.get(p.clientId));
      this.sendTimers.delete(p.clientId);
      this.set(applyNewMessage(this.state, message, true));
    } catch (e) {
      if (e instanceof AckError && (e.code === 'offline' || e.code === 'timeout')) return;
      clearTimeout(this.sendTimers.get(p.clientId));
      this.fail(p.clientId, e instanceof AckError ? e.message : 'Not sent');
    }
  }

  edit(messageId: string, body: string) {
    return request<{ message: Message }>('message:edit', { messageId, body }).then(({ message }) => this.set(applyUpdatedMessage(this.state, message)));
  }

  remove(message: Message) {
    return request('message:delete', { messageId: message.id }).then(() => this.set(applyDeletedMessage(this.state, message)));
  }

  markRead(conversationId: string) {
    const conversation = this.state.conversations[conversationId];
    if (!conversation || !this.isViewing(conversationId)) return;
    const mine = conversation.members.find((m) => m.user.id === this.state.meId);
    if (conversation.unreadCount === 0 && (mine?.lastReadSeq ?? 0) >= conversation.lastSeq) return;
    this.set(applyRead(this.state, { conversationId, userId: this.state.meId, seq: conversation.lastSeq }));
    void request('conversation:read', { conversationId, seq: conversation.lastSeq }).catch(() => {});
  }

  /** Typing indicators: "true" at most every 3 s while typing, "false" when done. */
  typing(conversationId: string, typing: boolean) {
    const now = Date.now();
    if (typing && now - this.typingSentAt < 3000) return;
    if (!typing && this.typingSentAt === 0) return;
    this.typingSentAt = typing ? now : 0;
    if (getSocket().connected) getSocket().emit('typing', { conversationId, typing });
  }

  /** Adds a conversation this tab just created, before its event arrives. */
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
