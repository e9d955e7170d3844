// Socket.IO events from clients: each payload is checked with its shared zod schema and handed
// to the same service REST uses; the answer is an acknowledgement, never a dropped connection.
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor';
import { memberIds, requireMembership } from '@/lib/conversations/load';
import { markRead } from '@/lib/conversations/service';
import { db } from '@/db/client';
import { asAppError, errors, isAppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { deleteMessage, editMessage, sendMessage } from '@/lib/messages/service';
import { deleteEvent, editEvent, readEvent, sendEvent, typingEvent } from '@/lib/schemas/conversations';
import { consume, type LimitName } from '@/lib/rateLimit';
import { emitToUsers } from './publisher';

type Ack = (reply: unknown) => void;

export function ackError(caught: unknown): { ok: false; error: { code: string; message: string; details?: unknown } } {
  const error = asAppError(caught);
  if (isAppError(error)) return { ok: false, ...error.toJSON() };
  log.error('socket event failed', { error: describeError(error) });
  return { ok: false, error: { code: 'internal', message: 'Something went wrong on our side.' } };
}

function on<T>(socket: Socket, event: string, schema: z.ZodType<T>, run: (actor: Actor, input: T) => Promise<object | void>, limit?: LimitName) {
  socket.on(event, async (payload: unknown, maybeAck?: unknown) => {
    const ack: Ack = typeof maybeAck === 'function' ? (maybeAck as Ack) : () => {};
    try {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw errors.validation(parsed.error, 'payload');
      const actor = socket.data.actor as Actor;
      if (limit) await consume(limit, actor.userId);
      const result = await run(actor, parsed.data);
      ack({ ok: true, ...(result ?? {}) });
    } catch (error) {
      ack(ackError(error));
    }
  });
}

export function registerHandlers(socket: Socket) {
  on(socket, 'message:send', sendEvent, async (actor, input) => ({ message: (await sendMessage(actor, input)).message }), 'messageSend');
  on(socket, 'message:edit', editEvent, async (actor, input) => ({ message: await editMessage(actor, input.messageId, input.body) }), 'write');
  on(
    socket,
    'message:delete',
    deleteEvent,
    async (actor, input) => {
      await deleteMessage(actor, input.messageId);
    },
    'write',
  );
  on(socket, 'conversation:read', readEvent, async (actor, input) => {
    await markRead(actor, input.conversationId, input.seq);
  });
  on(socket, 'typing', typingEvent, async (actor, input) => {
    await requireMembership(db(), actor.userId, input.conversationId);
    const others = (await memberIds(db(), input.conversationId)).filter((id) => id !== actor.userId);
    emitToUsers(others, 'typing', { conversationId: input.conversationId, userId: actor.userId, typing: input.typing });
  });
}
