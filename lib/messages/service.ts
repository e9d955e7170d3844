// Messages: send (stored before it is acknowledged, with a gapless per-conversation seq and
// idempotent on sender + clientId), history by keyset, edit, delete.
import { and, eq } from 'drizzle-orm';
import { db, query, transaction, type Database } from '@/db/client';
import { conversationMembers, conversations, messages, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { memberIds } from '@/lib/conversations/load';
import { toMessage, type Message } from '@/lib/conversations/shape';
import { AppError, errors, isUniqueViolation } from '@/lib/errors';
import { emitToUsers } from '@/lib/realtime/publisher';
import type { HistoryQuery } from '@/lib/schemas/conversations';
import { history, lockConversation, sendStatement, type RawMessage } from './statements';

const senderColumns = { id: users.id, username: users.username, displayName: users.displayName };

async function existingSend(d: Database, senderId: string, clientId: string): Promise<Message | null> {
  const [row] = await d
    .select({ message: messages, sender: senderColumns })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId)));
  return row ? toMessage(row.message, row.sender) : null;
}

function fromRaw(r: RawMessage): Message {
  return {
    id: r.id,
    conversationId: r.conversationId,
    seq: Number(r.seq),
    sender: r.senderId && r.username !== null ? { id: r.senderId, username: r.username, displayName: r.displayName! } : null,
    body: r.deletedAt ? null : r.body,
    clientId: r.clientId,
    createdAt: r.createdAt,
    editedAt: r.editedAt,
    deletedAt: r.deletedAt,
  };
}

/**
 * Stores a message and only then publishes it. A resend with the same clientId returns the
 * original (created=false), also when both copies arrive at the same moment: the unique index on
 * (sender, clientId) decides, and the loser's transaction rolls back its seq.
 */
export async function sendMessage(
  actor: Actor,
  input: { conversationId: string; body: string; clientId?: string },
): Promise<{ message: Message; created: boolean }> {
  let row: RawMessage & { memberIds: string[] };
  try {
    [row] = await transaction<RawMessage & { memberIds: string[] }>([
      [lockConversation, [input.conversationId]],
      [sendStatement, [input.conversationId, actor.userId, input.body, input.clientId ?? null]],
    ]);
  } catch (e) {
    // A resend (or a simultaneous copy): the transaction rolled back its seq; answer the original.
    if (isUniqueViolation(e, 'messages_sender_client_key') && input.clientId) {
      const original = await existingSend(db(), actor.userId, input.clientId);
      if (original && original.conversationId !== input.conversationId) throw errors.conflict('That clientId was already used for another conversation.');
      if (original) return { message: original, created: false };
    }
    throw e;
  }
  if (!row) throw errors.notFound('conversation');
  const message = fromRaw(row);
  emitToUsers(row.memberIds, 'message:new', message);
  return { message, created: true };
}

/** A page of history in ascending seq: the newest before `before`, or the oldest after `after`. */
export async function listMessages(actor: Actor, conversationId: string, range: HistoryQuery): Promise<{ items: Message[]; hasMore: boolean }> {
  const ascending = range.after !== undefined;
  const params: unknown[] = [conversationId, actor.userId, range.limit + 1];
  const text = ascending ? history.after : range.before !== undefined ? history.before : history.newest;
  if (ascending) params.push(range.after);
  else if (range.before !== undefined) params.push(range.before);
  const rows = await query<RawMessage>(text, params);
  if (rows.length === 0) throw errors.notFound('conversation');
  const found = rows.filter((r) => r.id !== null);
  const hasMore = found.length > range.limit;
  const page = found.slice(0, range.limit).map(fromRaw);
  return { items: ascending ? page : page.reverse(), hasMore };
}

async function findMessageForMember(actor: Actor, messageId: string) {
  const [row] = await db()
    .select({ message: messages, role: conversationMembers.role, type: conversations.type })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(conversationMembers, and(eq(conversationMembers.conversationId, messages.conversationId), eq(conversationMembers.userId, actor.userId)))
    .where(eq(messages.id, messageId));
  if (!row) throw errors.notFound('message');
  return row;
}

async function publishedMessage(messageId: string): Promise<Message> {
  const [row] = await db()
    .select({ message: messages, sender: senderColumns })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(eq(messages.id, messageId));
  return toMessage(row.message, row.sender);
}

export async function editMessage(actor: Actor, messageId: string, body: string): Promise<Message> {
  const { message } = await findMessageForMember(actor, messageId);
  if (message.senderId !== actor.userId) throw errors.forbidden('Only its sender can edit a message.');
  if (message.deletedAt) throw new AppError('conflict', 'That message was deleted.');
  await db().update(messages).set({ body, editedAt: new Date() }).where(and(eq(messages.id, messageId), eq(messages.senderId, actor.userId)));
  const updated = await publishedMessage(messageId);
  emitToUsers(await memberIds(db(), message.conversationId), 'message:updated', updated);
  return updated;
}

/** Deletes a message (its sender, or a group's owner or admin): the seq stays, the body goes. */
export async function deleteMessage(actor: Actor, messageId: string): Promise<void> {
  const { message, role, type } = await findMessageForMember(actor, messageId);
  const moderator = type === 'group' && (role === 'owner' || role === 'admin');
  if (message.senderId !== actor.userId && !moderator) throw errors.forbidden('Only its sender or a group admin can delete a message.');
  if (message.deletedAt) return;
  await db().update(messages).set({ body: null, deletedAt: new Date() }).where(eq(messages.id, messageId));
  emitToUsers(await memberIds(db(), message.conversationId), 'message:deleted', {
    id: message.id,
    conversationId: message.conversationId,
    seq: Number(message.seq),
  });
}
