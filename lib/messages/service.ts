// Messages: send (stored before it is acknowledged, with a gapless per-conversation seq and
// idempotent on sender + clientId), history by keyset, edit, delete. Each write raises its
// domain event once committed; the subscribers tell whoever needs to know.
import { and, eq } from 'drizzle-orm';
import { db, query, transaction } from '@/db/client';
import { conversationMembers, conversations, messages } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError, errors, hasSqlState, isUniqueViolation } from '@/lib/errors';
import { raise } from '@/lib/events/bus';
import { canDeleteMessage, canEditMessage } from '@/lib/policy';
import type { HistoryQuery } from '@/lib/schemas/conversations';
import type { Message } from '@/lib/schemas/responses';
import { parseBody } from './body';
import { toMessage, type MessageRow } from './readModel';
import {
  ATTACHMENTS_NOT_CLAIMABLE,
  byClientIdStatement,
  deleteStatement,
  editStatement,
  history,
  lockConversation,
  PEER_GONE,
  REPLY_NOT_FOUND,
  sendStatement,
} from './statements';

type WithMembers = { memberIds: string[] };

/** The statements' parameters for a body's mentions: the names, and whether it says @all. */
function mentionParams(body: string): [string, boolean] {
  const names = parseBody(body).mentions;
  return [JSON.stringify(names), names.includes('all')];
}

async function originalSend(senderId: string, clientId: string): Promise<Message | null> {
  const [row] = await query<MessageRow>(byClientIdStatement, [senderId, clientId]);
  return row ? toMessage(row) : null;
}

/**
 * Stores a message and only then publishes it. A resend with the same clientId returns the
 * original (created=false), also when both copies arrive at the same moment: the unique index on
 * (sender, clientId) decides, and the loser's transaction rolls back its seq.
 */
export async function sendMessage(
  actor: Actor,
  input: { conversationId: string; body: string; clientId?: string; attachmentIds?: string[]; replyToId?: string },
): Promise<{ message: Message; created: boolean }> {
  const attachmentIds = input.attachmentIds ?? [];
  let row: (MessageRow & WithMembers & { draftCleared: boolean }) | undefined;
  try {
    [row] = await transaction<MessageRow & WithMembers & { draftCleared: boolean }>([
      [lockConversation, [input.conversationId]],
      [
        sendStatement,
        [
          input.conversationId,
          actor.userId,
          input.body,
          input.clientId ?? null,
          JSON.stringify(attachmentIds),
          ...mentionParams(input.body),
          input.replyToId ?? null,
        ],
      ],
    ]);
  } catch (e) {
    // A resend (or a simultaneous copy): the transaction rolled back its seq; answer the original.
    // Its attachments were claimed by the original, so a resend may fail on them first.
    const claimFailed = hasSqlState(e, ATTACHMENTS_NOT_CLAIMABLE);
    if ((isUniqueViolation(e, 'messages_sender_client_key') || claimFailed) && input.clientId) {
      const original = await originalSend(actor.userId, input.clientId);
      if (original && original.conversationId !== input.conversationId) throw errors.conflict('That clientId was already used for another conversation.');
      if (original) return { message: original, created: false };
    }
    if (claimFailed) {
      const message = 'Attach only your own uploads, each to one message.';
      throw new AppError('validation_failed', message, [{ path: 'attachmentIds', message }]);
    }
    if (hasSqlState(e, PEER_GONE)) throw errors.forbidden('The other person deleted their account: this conversation is read-only.');
    if (hasSqlState(e, REPLY_NOT_FOUND)) {
      const message = 'Reply to a message of this conversation.';
      throw new AppError('validation_failed', message, [{ path: 'replyToId', message }]);
    }
    throw e;
  }
  if (!row) throw errors.notFound('conversation');
  const message = toMessage(row);
  raise('message.created', { message, memberIds: row.memberIds });
  if (row.draftCleared) raise('draft.updated', { userId: actor.userId, conversationId: input.conversationId, body: '', updatedAt: message.createdAt });
  return { message, created: true };
}

/** A page of history in ascending seq: the newest before `before`, or the oldest after `after`. */
export async function listMessages(actor: Actor, conversationId: string, range: Omit<HistoryQuery, 'around'>): Promise<{ items: Message[]; hasMore: boolean }> {
  const ascending = range.after !== undefined;
  const params: unknown[] = [conversationId, actor.userId, range.limit + 1];
  const text = ascending ? history.after : range.before !== undefined ? history.before : history.newest;
  if (ascending) params.push(range.after);
  else if (range.before !== undefined) params.push(range.before);
  const rows = await query<MessageRow>(text, params);
  if (rows.length === 0) throw errors.notFound('conversation');
  const found = rows.filter((r) => r.id !== null);
  const hasMore = found.length > range.limit;
  const page = found.slice(0, range.limit).map(toMessage);
  return { items: ascending ? page : page.reverse(), hasMore };
}

/**
 * `limit` messages in ascending seq containing `seq` (or the nearest, past either end): up to half
 * before it and the rest from it on, the shorter side's share given to the other near an end.
 */
export async function listAround(
  actor: Actor,
  conversationId: string,
  seq: number,
  limit: number,
): Promise<{ items: Message[]; hasMoreBefore: boolean; hasMoreAfter: boolean }> {
  const rows = await query<MessageRow & { side: 'before' | 'after' | null }>(history.around, [conversationId, actor.userId, limit + 1, seq]);
  if (rows.length === 0) throw errors.notFound('conversation');
  const seqOf = (r: MessageRow) => Number(r.seq);
  const before = rows.filter((r) => r.side === 'before').sort((x, y) => seqOf(y) - seqOf(x)); // nearest first
  const after = rows.filter((r) => r.side === 'after').sort((x, y) => seqOf(x) - seqOf(y));
  const half = Math.floor(limit / 2);
  const takeBefore = Math.min(before.length, Math.max(half, limit - after.length));
  const takeAfter = Math.min(after.length, limit - takeBefore);
  return {
    items: [...before.slice(0, takeBefore).reverse(), ...after.slice(0, takeAfter)].map(toMessage),
    hasMoreBefore: before.length > takeBefore,
    hasMoreAfter: after.length > takeAfter,
  };
}

/** The message and the caller's place in its conversation; 404 to anyone who is not a member. */
async function findMessageForMember(actor: Actor, messageId: string) {
  const [row] = await db()
    .select({
      senderId: messages.senderId,
      deletedAt: messages.deletedAt,
      id: messages.id,
      conversationId: messages.conversationId,
      role: conversationMembers.role,
      type: conversations.type,
    })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .innerJoin(conversationMembers, and(eq(conversationMembers.conversationId, messages.conversationId), eq(conversationMembers.userId, actor.userId)))
    .where(eq(messages.id, messageId));
  if (!row) throw errors.notFound('message');
  return row;
}

export async function editMessage(actor: Actor, messageId: string, body: string): Promise<Message> {
  const found = await findMessageForMember(actor, messageId);
  if (!canEditMessage(actor.userId, { senderId: found.senderId, deleted: false })) throw errors.forbidden('Only its sender can edit a message.');
  // No row: it was deleted, before or while we looked (the statement edits only a live message).
  const [row] = await query<MessageRow & WithMembers>(editStatement, [messageId, actor.userId, body, ...mentionParams(body)]);
  if (!row) throw new AppError('conflict', 'That message was deleted.');
  const message = toMessage(row);
  raise('message.edited', { message, memberIds: row.memberIds });
  return message;
}

/** Deletes a message (its sender, or a group's owner or admin): the seq stays, the body goes. */
export async function deleteMessage(actor: Actor, messageId: string): Promise<void> {
  const found = await findMessageForMember(actor, messageId);
  if (!canDeleteMessage({ id: actor.userId, role: found.role }, { senderId: found.senderId, deleted: false }, found.type)) {
    throw errors.forbidden('Only its sender or a group admin can delete a message.');
  }
  if (found.deletedAt) return;
  const [row] = await query<{ seq: string } & WithMembers>(deleteStatement, [messageId]);
  if (!row) return; // deleted meanwhile by someone else
  raise('message.deleted', { id: messageId, conversationId: found.conversationId, seq: Number(row.seq), memberIds: row.memberIds });
}
