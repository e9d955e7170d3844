// Socket.IO events from clients: each payload is checked with its shared zod schema and handed
// to the same service REST uses; the answer is an acknowledgement, never a dropped connection.
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { getConfig } from '@/lib/config';
import { saveDraft } from '@/lib/conversations/drafts';
import { markRead, notifyTyping } from '@/lib/conversations/service';
import { AppError, asAppError, errors, isAppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { addReaction, removeReaction } from '@/lib/messages/reactions';
import { deleteMessage, editMessage, sendMessage } from '@/lib/messages/service';
import { consume, type LimitName } from '@/lib/rateLimit';
import { clientEvents, type ClientEventName } from '@/lib/schemas/events';
import { processSingleton } from '@/lib/singletons';
import { SOCKET_EVENT_BURST, SOCKET_EVENTS_PER_SECOND, TokenBucket, TypingGate } from './eventBudget';
import type { RealtimeSocket } from './publisher';
type Ack = (reply: unknown) => void;
type Input<E extends ClientEventName> = z.output<(typeof clientEvents)[E]['payload']>;

/** Events being handled now, so a shutdown can let them finish and acknowledge first. */
const work = () => processSingleton<{ count: number; draining: boolean; idle?: () => void }>('socketEventsInFlight', () => ({ count: 0, draining: false }));

/** Refuses new events and waits (at most timeoutMs) for those in flight to be acknowledged. */
export async function drainRealtime(timeoutMs: number): Promise<void> {
  const w = work();
  w.draining = true;
  if (w.count === 0) return;
  await Promise.race([new Promise<void>((resolve) => (w.idle = resolve)), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}

export function ackError(caught: unknown): { ok: false; error: { code: string; message: string; details?: unknown; retryAfter?: number } } {
  const error = asAppError(caught);
  if (isAppError(error)) {
    const { error: body } = error.toJSON();
    return { ok: false, error: error.retryAfter === undefined ? body : { ...body, retryAfter: error.retryAfter } };
  }
  log.error('socket event failed', { error: describeError(error) });
  return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side.' } };
}

/**
 * Handles one client event: the socket's event budget, its payload parsed with the catalogue's
 * schema, the rate limit, the service, the ack.
 */
function on<E extends ClientEventName>(
  socket: RealtimeSocket,
  budget: TokenBucket,
  event: E,
  run: (actor: Actor, input: Input<E>) => Promise<object | void>,
  limit?: LimitName,
) {
  const schema = clientEvents[event].payload as unknown as z.ZodType<Input<E>>;
  (socket.on as (event: string, listener: (payload: unknown, ack?: unknown) => void) => void)(event, async (payload, maybeAck) => {
    const ack: Ack = typeof maybeAck === 'function' ? (maybeAck as Ack) : () => {};
    const w = work();
    if (w.draining) {
      ack({ ok: false, error: { code: 'unavailable', message: 'This server is shutting down; reconnect and try again.' } });
      return;
    }
    if (getConfig().rateLimits.enabled && !budget.take()) {
      const retryAfter = budget.secondsUntilNext();
      ack(ackError(new AppError('rate_limited', `Too many events on this connection. Try again in ${retryAfter} s.`, undefined, retryAfter)));
      return;
    }
    w.count++;
    try {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw errors.validation(parsed.error, 'payload');
      const actor = socket.data.actor;
      if (limit) await consume(limit, actor.userId);
      const result = await run(actor, parsed.data);
      ack({ ok: true, ...(result ?? {}) });
    } catch (error) {
      ack(ackError(error));
    } finally {
      if (--w.count === 0) w.idle?.();
    }
  });
}

export function registerHandlers(socket: RealtimeSocket) {
  const budget = new TokenBucket(SOCKET_EVENT_BURST, SOCKET_EVENTS_PER_SECOND);
  const typingGate = new TypingGate();
  on(socket, budget, 'message:send', async (actor, input) => ({ message: (await sendMessage(actor, input)).message }), 'messageSend');
  on(socket, budget, 'message:edit', async (actor, input) => ({ message: await editMessage(actor, input.messageId, input.body) }), 'write');
  on(socket, budget, 'message:delete', (actor, input) => deleteMessage(actor, input.messageId), 'write');
  on(socket, budget, 'conversation:read', (actor, input) => markRead(actor, input.conversationId, input.seq));
  on(socket, budget, 'reaction:add', async (actor, input) => ({ message: await addReaction(actor, input.messageId, input.emoji) }), 'write');
  on(socket, budget, 'reaction:remove', async (actor, input) => ({ message: await removeReaction(actor, input.messageId, input.emoji) }), 'write');
  on(socket, budget, 'draft:set', (actor, input) => saveDraft(actor, input.conversationId, input.body), 'draft');
  on(socket, budget, 'typing', async (actor, input) => {
    // A repeat, or past the budget: acknowledged, and nobody is told again (nor the database asked).
    const admitted = typingGate.admit(input.conversationId, input.typing);
    if (!admitted) return;
    try {
      await notifyTyping(actor, input.conversationId, input.typing);
    } catch (error) {
      admitted.undo();
      throw error;
    }
  });
}
