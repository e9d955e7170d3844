// Pushes a conversation to its members, each with their own unread count.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { conversationMembers, conversations, messages } from '@/db/schema';
import { emitToUsers } from '@/lib/realtime/publisher';
import { loadConversations } from './load';

export async function publishConversation(db: Database, conversationId: string): Promise<void> {
  const [row] = await db.select().from(conversations).where(eq(conversations.id, conversationId));
  if (!row) return;
  const counts = await db
    .select({ userId: conversationMembers.userId, unread: sql<number>`count(${messages.id})::int` })
    .from(conversationMembers)
    .leftJoin(
      messages,
      and(
        eq(messages.conversationId, conversationMembers.conversationId),
        sql`${messages.seq} > ${conversationMembers.lastReadSeq}`,
        isNull(messages.deletedAt),
        sql`${messages.senderId} is distinct from ${conversationMembers.userId}`,
      ),
    )
    .where(eq(conversationMembers.conversationId, conversationId))
    .groupBy(conversationMembers.userId);
  if (counts.length === 0) return;
  const [base] = await loadConversations(db, counts[0].userId, [row]);
  for (const { userId, unread } of counts) emitToUsers([userId], 'conversation:updated', { ...base, unreadCount: Number(unread) });
}
