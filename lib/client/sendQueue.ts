// Sending a message: shown at once as pending, sent (and resent after a reconnect) with the same
// clientId until acknowledged, which the server deduplicates; after 10 s without an answer it shows
// as not sent, with Retry and Discard. A send refused by a rate limit waits the time the server
// named and goes again by itself. Attached files were uploaded before the send, so a queued or
// retried send carries only their ids.
import 'client-only';
import type { Attachment, Message } from '@/lib/schemas/responses';
import type { StateCell } from './chatState';
import { addPending, discardPending, failedSends, pendingSend, retryAfterOf, setSendStatus, stillSending, withoutWait } from './pending';
import { AckError, getSocket, request } from './socket';
import { applyNewMessage } from './timeline';

export const SEND_TIMEOUT_MS = 10_000;

export class SendQueue {
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Rate-limited sends waiting to go again by themselves. */
  private waits = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly cell: StateCell) {}

  send(conversationId: string, body: string, attachments: Attachment[] = [], replyTo: Message['replyTo'] = null) {
    const clientId = crypto.randomUUID();
    this.cell.set(addPending(this.cell.get(), { clientId, conversationId, body, attachments, replyTo, createdAt: new Date().toISOString() }));
    void this.emit(clientId);
  }

  retry(clientId: string): Promise<void> {
    this.stopWaiting(clientId);
    if (!pendingSend(this.cell.get(), clientId)) return Promise.resolve();
    this.cell.set(setSendStatus(this.cell.get(), clientId, 'sending'));
    return this.emit(clientId);
  }

  /**
   * Every send of the conversation that did not go, again, in the order they were written: one
   * after the other (the server handles events side by side, so sends in flight together may be
   * stored in either order).
   */
  async retryAll(conversationId: string) {
    const failed = failedSends(this.cell.get(), conversationId);
    for (const clientId of failed) this.cell.set(setSendStatus(this.cell.get(), clientId, 'sending'));
    for (const clientId of failed) await this.retry(clientId);
  }

  discard(clientId: string) {
    this.settle(clientId);
    this.stopWaiting(clientId);
    this.cell.set(discardPending(this.cell.get(), clientId));
  }

  /** After a reconnect: everything still sending goes again, with its clientId. */
  resendAll() {
    for (const m of stillSending(this.cell.get())) if (m.clientId) void this.emit(m.clientId);
  }

  private settle(clientId: string) {
    clearTimeout(this.timers.get(clientId));
    this.timers.delete(clientId);
  }

  private stopWaiting(clientId: string) {
    clearTimeout(this.waits.get(clientId));
    this.waits.delete(clientId);
  }

  /** Shown as not sent, with the wait counting down, and sent again when it is over. */
  private waitAndRetry(clientId: string, message: string, seconds: number) {
    this.stopWaiting(clientId);
    this.cell.set(setSendStatus(this.cell.get(), clientId, 'failed', withoutWait(message), Date.now() + seconds * 1000));
    this.waits.set(
      clientId,
      setTimeout(() => {
        this.waits.delete(clientId);
        void this.retry(clientId);
      }, seconds * 1000),
    );
  }

  private async emit(clientId: string) {
    const pending = pendingSend(this.cell.get(), clientId);
    if (!pending) return;
    clearTimeout(this.timers.get(clientId));
    this.timers.set(
      clientId,
      setTimeout(() => this.cell.set(setSendStatus(this.cell.get(), clientId, 'failed', 'Not sent')), SEND_TIMEOUT_MS),
    );
    if (!getSocket().connected) return; // resent on reconnect, or failed by the timer
    try {
      const attachmentIds = pending.attachments.map((a) => a.id);
      const { message } = await request(
        'message:send',
        { conversationId: pending.conversationId, body: pending.body ?? '', clientId, attachmentIds, replyToId: pending.replyTo?.id },
        SEND_TIMEOUT_MS,
      );
      this.settle(clientId);
      this.cell.set(applyNewMessage(this.cell.get(), message, true));
    } catch (e) {
      if (e instanceof AckError && (e.code === 'offline' || e.code === 'timeout')) return;
      this.settle(clientId);
      const wait = e instanceof AckError ? retryAfterOf(e) : null;
      if (wait !== null) return this.waitAndRetry(clientId, (e as AckError).message, wait);
      this.cell.set(setSendStatus(this.cell.get(), clientId, 'failed', e instanceof AckError ? e.message : 'Not sent'));
    }
  }
}
