// A member's notification level in one conversation: all, mentions, or none (muted).
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { conversationMembers } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { errors } from '@/lib/errors';
import { raise } from '@/lib/events/bus';
import type { NotifyLevel } from '@/lib/notifications/levels';
import type { Conversation } from '@/lib/schemas/responses';
import { loadConversation } from './load';

export async function setNotifyLevel(actor: Actor, conversationId: string, level: NotifyLevel): Promise<Conversation> {
  const [row] = await db()
    .update(conversationMembers)
    .set({ notify: level })
    .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, actor.userId)))
    .returning({ userId: conversationMembers.userId });
  if (!row) throw errors.notFound('conversation');
  const conversation = await loadConversation(db(), actor.userId, conversationId);
  raise('conversation.personal', { userId: actor.userId, conversation });
  return conversation;
}
