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

/** The body as the server stores it (prose: NFC, LF line ends), so an echo is recognised as ours. */
const stored = (body: string) => body.normalize('NFC').replace(/\r\n?/g, '\n');

export class DraftSync {
  private timers = new Map<string, { timer: ReturnType<typeof setTimeout>; body: string }>();
  private echoes = new Map<string, Echo[]>();
  private listeners = new Set<(conversationId: string, body: string) => void>();
  /** The last body this tab saved (or cleared) per conversation, and saves not acknowledged yet. */
  private saved = new Map<string, string>();
  private inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly cell: StateCell) {}

  save(conversationId: string, body: string) {
    const waiting = this.timers.get(conversationId);
    if (waiting?.body === body) return; // the same again (a blur, a re-render): its save is already due
    clearTimeout(waiting?.timer);
    this.timers.delete(conversationId);
    const known = this.saved.get(conversationId) ?? this.cell.get().conversations[conversationId]?.draft?.body ?? '';
    if (body === known) return;
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
    // A save still on its way may be stored after the send cleared the draft: clear it again after it.
    const racing = this.inFlight.get(conversationId);
    if (racing) void racing.then(() => this.send(conversationId, ''));
    if (!this.cell.get().conversations[conversationId]?.draft && !waiting) return;
    this.saved.set(conversationId, '');
    this.expect(conversationId, '');
    this.cell.set(applyDraft(this.cell.get(), { conversationId, body: '', updatedAt: new Date().toISOString() }));
  }

  heard(draft: { conversationId: string; body: string; updatedAt: string }) {
    if (this.isEcho(draft.conversationId, draft.body)) return;
    // Typing here that is not saved yet is newer than what arrived: it will be saved over it.
    if (this.timers.has(draft.conversationId)) return;
    this.saved.set(draft.conversationId, draft.body);
    this.cell.set(applyDraft(this.cell.get(), draft));
    for (const listener of this.listeners) listener(draft.conversationId, draft.body);
  }

  onRemote(listener: (conversationId: string, body: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private send(conversationId: string, body: string) {
    this.saved.set(conversationId, body);
    this.expect(conversationId, body);
    const saving = request('draft:set', { conversationId, body })
      .catch(() => {
        this.forget(conversationId, body);
        this.saved.delete(conversationId);
      })
      .finally(() => {
        if (this.inFlight.get(conversationId) === saving) this.inFlight.delete(conversationId);
      });
    this.inFlight.set(conversationId, saving);
  }

  private expect(conversationId: string, body: string) {
    const now = Date.now();
    const fresh = (this.echoes.get(conversationId) ?? []).filter((e) => now - e.at < ECHO_WAIT_MS);
    this.echoes.set(conversationId, [...fresh, { body: stored(body), at: now }]);
  }

  private forget(conversationId: string, body: string) {
    const list = this.echoes.get(conversationId) ?? [];
    const i = list.findIndex((e) => e.body === stored(body));
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
