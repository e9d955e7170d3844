// Messages: send (stored before it is acknowledged, with a gapless per-conversation seq and
// idempotent on sender + clientId), history by keyset, edit, delete.
import { and, asc, desc, eq, exists, gt, lt, sql } from 'drizzle-orm';
import { db, type Database } from '@/db/client';
import { conversationMembers, conversations, messages, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { memberIds, requireMembership } from '@/lib/conversations/load';
import { toMessage, type Message, type MessageRow } from '@/lib/conversations/shape';
import { AppError, errors, isUniqueViolation } from '@/lib/errors';
import { emitToUsers } from '@/lib/realtime/publisher';
import type { HistoryQuery } from '@/lib/schemas/conversations';

const senderColumns = { id: users.id, username: users.username, displayName: users.displayName };

async function existingSend(d: Database, senderId: string, clientId: string): Promise<Message | null> {
  const [row] = await d
    .select({ message: messages, sender: senderColumns })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(and(eq(messages.senderId, senderId), eq(messages.clientId, clientId)));
  return row ? toMessage(row.message, row.sender) : null;
}

class DuplicateSend extends Error {}

/**
 * Stores a message and only then publishes it. A resend with the same clientId returns the
 * original (created=false), also when both copies arrive at the same moment: the unique index on
 * (sender, clientId) decides, and the loser's transaction rolls back its seq.
 */
export async function sendMessage(
  actor: Actor,
  input: { conversationId: string; body: string; clientId?: string },
): Promise<{ message: Message; created: boolean }> {
  let row: MessageRow;
  try {
    row = await db().transaction(async (tx) => {
      // One statement checks membership and takes the next seq; its row lock serializes senders,
      // so seq is gapless and in commit order.
      const [next] = await tx
        .update(conversations)
        .set({ lastSeq: sql`${conversations.lastSeq} + 1`, updatedAt: new Date() })
        .where(
          and(
            eq(conversations.id, input.conversationId),
            exists(
              tx
                .select({ one: sql`1` })
                .from(conversationMembers)
                .where(and(eq(conversationMembers.conversationId, input.conversationId), eq(conversationMembers.userId, actor.userId))),
            ),
          ),
        )
        .returning({ seq: conversations.lastSeq });
      if (!next) throw errors.notFound('conversation');
      const [inserted] = await tx
        .insert(messages)
        .values({ conversationId: input.conversationId, seq: next.seq, senderId: actor.userId, body: input.body, clientId: input.clientId ?? null })
        .onConflictDoNothing({ target: [messages.senderId, messages.clientId] })
        .returning();
      if (!inserted) throw new DuplicateSend();
      // Your own message is read by you.
      await tx
        .update(conversationMembers)
        .set({ lastReadSeq: next.seq })
        .where(and(eq(conversationMembers.conversationId, input.conversationId), eq(conversationMembers.userId, actor.userId)));
      return inserted;
    });
  } catch (e) {
    // A resend (or a simultaneous copy): the transaction rolled back its seq; answer the original.
    if ((e instanceof DuplicateSend || isUniqueViolation(e)) && input.clientId) {
      const original = await existingSend(db(), actor.userId, input.clientId);
      if (original && original.conversationId !== input.conversationId) throw errors.conflict('That clientId was already used for another conversation.');
      if (original) return { message: original, created: false };
    }
    throw e;
  }
  const message = await publishedMessage(row.id);
  emitToUsers(await memberIds(db(), input.conversationId), 'message:new', message);
  return { message, created: true };
}

/** A page of history in ascending seq: the newest before `before`, or the oldest after `after`. */
export async function listMessages(actor: Actor, conversationId: string, query: HistoryQuery): Promise<{ items: Message[]; hasMore: boolean }> {
  await requireMembership(db(), actor.userId, conversationId);
  const ascending = query.after !== undefined;
  const rows = await db()
    .select({ message: messages, sender: senderColumns })
    .from(messages)
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(
      and(
        eq(messages.conversationId, conversationId),
        ascending ? gt(messages.seq, query.after!) : query.before !== undefined ? lt(messages.seq, query.before) : undefined,
      ),
    )
    .orderBy(ascending ? asc(messages.seq) : desc(messages.seq))
    .limit(query.limit + 1);
  const hasMore = rows.length > query.limit;
  const page = rows.slice(0, query.limit).map((r) => toMessage(r.message, r.sender));
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
