// Reactions: one emoji per person per message, idempotent both ways, at most MAX_REACTIONS
// different emoji on a message. The message's row lock makes the limit hold under races; the
// change is told to the members only when it changed something.
import { transaction, transactionRows } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { AppError, errors } from '@/lib/errors';
import { raise } from '@/lib/events/bus';
import { MAX_REACTIONS } from '@/lib/schemas/conversations';
import type { Message } from '@/lib/schemas/responses';
import { toMessage, type MessageRow } from './readModel';
import { addReactionStatement, afterReactionStatement, lockMessageForMember, removeReactionStatement } from './statements';

type AfterRow = MessageRow & { memberIds: string[]; hasReaction: boolean; addedNow: boolean };

export async function addReaction(actor: Actor, messageId: string, emoji: string): Promise<Message> {
  const [row] = await transaction<AfterRow>([
    [lockMessageForMember, [messageId, actor.userId]],
    [addReactionStatement, [messageId, actor.userId, emoji, MAX_REACTIONS]],
    [afterReactionStatement, [messageId, actor.userId, emoji]],
  ]);
  if (!row) throw errors.notFound('message');
  if (row.deletedAt) throw new AppError('conflict', 'That message was deleted.');
  if (!row.hasReaction) throw new AppError('conflict', `A message takes at most ${MAX_REACTIONS} different reactions.`);
  const message = toMessage(row);
  if (row.addedNow) told(message, row.memberIds);
  return message;
}

export async function removeReaction(actor: Actor, messageId: string, emoji: string): Promise<Message> {
  const [, removed, after] = await transactionRows([
    [lockMessageForMember, [messageId, actor.userId]],
    [removeReactionStatement, [messageId, actor.userId, emoji]],
    [afterReactionStatement, [messageId, actor.userId, emoji]],
  ]);
  const row = after[0] as AfterRow | undefined;
  if (!row) throw errors.notFound('message');
  const message = toMessage(row);
  // Idempotent: there may have been none to take back, and then nobody needs telling.
  if (removed.length > 0) told(message, row.memberIds);
  return message;
}

function told(message: Message, memberIds: string[]) {
  raise('message.reactions', { conversationId: message.conversationId, messageId: message.id, reactions: message.reactions, memberIds });
}
