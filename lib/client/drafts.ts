// Drafts that follow the writer: kept in the state at once (the conversation list marks them),
// saved to the server a second after the last keystroke, and taken from the server when another
// tab or device changed them. The server echoes every change to all the writer's sockets; this
// tab knows its own echoes by their body and ignores them, so they never undo newer typing.
import 'client-only';
import type { StateCell } from './chatState';
import { applyDraft } from './conversationState';
import { request } from './socket';

export const DRAFT_SAVE_MS = 1000;
/** An echo comes back in milliseconds; one not heard by then is not coming (the save failed or changed nothing). */
const ECHO_WAIT_MS = 10_000;

type Echo = { body: string; at: number };

export class DraftSync {
  private timers = new Map<string, { timer: ReturnType<typeof setTimeout>; body: string }>();
  private echoes = new Map<string, Echo[]>();
  private listeners = new Set<(conversationId: string, body: string) => void>();

  constructor(private readonly cell: StateCell) {}

  save(conversationId: string, body: string) {
    const known = this.cell.get().conversations[conversationId]?.draft?.body ?? '';
    clearTimeout(this.timers.get(conversationId)?.timer);
    if (body === known) return void this.timers.delete(conversationId);
    this.cell.set(applyDraft(this.cell.get(), { conversationId, body, updatedAt: new Date().toISOString() }));
    this.timers.set(conversationId, { body, timer: setTimeout(() => this.flush(conversationId), DRAFT_SAVE_MS) });
  }

  flush(conversationId: string) {
    const waiting = this.timers.get(conversationId);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.timers.delete(conversationId);
    this.send(conversationId, waiting.body);
  }

  /** A message was sent: the server cleared the draft with it; so does this tab, now. */
  sent(conversationId: string) {
    const waiting = this.timers.get(conversationId);
    clearTimeout(waiting?.timer);
    this.timers.delete(conversationId);
    if (!this.cell.get().conversations[conversationId]?.draft && !waiting) return;
    this.expect(conversationId, '');
    this.cell.set(applyDraft(this.cell.get(), { conversationId, body: '', updatedAt: new Date().toISOString() }));
  }

  heard(draft: { conversationId: string; body: string; updatedAt: string }) {
    if (this.isEcho(draft.conversationId, draft.body)) return;
    // Typing here that is not saved yet is newer than what arrived: it will be saved over it.
    if (this.timers.has(draft.conversationId)) return;
    this.cell.set(applyDraft(this.cell.get(), draft));
    for (const listener of this.listeners) listener(draft.conversationId, draft.body);
  }

  onRemote(listener: (conversationId: string, body: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private send(conversationId: string, body: string) {
    this.expect(conversationId, body);
    void request('draft:set', { conversationId, body }).catch(() => this.forget(conversationId, body));
  }

  private expect(conversationId: string, body: string) {
    const now = Date.now();
    const fresh = (this.echoes.get(conversationId) ?? []).filter((e) => now - e.at < ECHO_WAIT_MS);
    this.echoes.set(conversationId, [...fresh, { body, at: now }]);
  }

  private forget(conversationId: string, body: string) {
    const list = this.echoes.get(conversationId) ?? [];
    const i = list.findIndex((e) => e.body === body);
    if (i >= 0) list.splice(i, 1);
  }

  private isEcho(conversationId: string, body: string): boolean {
    const now = Date.now();
    const list = (this.echoes.get(conversationId) ?? []).filter((e) => now - e.at < ECHO_WAIT_MS);
    const i = list.findIndex((e) => e.body === body);
    if (i >= 0) list.splice(i, 1);
    this.echoes.set(conversationId, list);
    return i >= 0;
  }
}
