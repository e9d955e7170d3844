// Reads whole Conversation objects (members, last message, the reader's unread count) in a
// fixed number of queries, however many conversations are asked for.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { conversationMembers, conversations, messages, users } from '@/db/schema';
import { errors } from '@/lib/errors';
import { onlineAmong } from '@/lib/users/presence';
import { toMember, toMessage, type Conversation, type Member, type Message } from './shape';

export type ConversationRow = typeof conversations.$inferSelect;
export type MemberRow = typeof conversationMembers.$inferSelect;

/** The conversation and the caller's membership; 404 when either is missing (non-members may not know it exists). */
export async function requireMembership(db: Database, userId: string, conversationId: string, lock = false) {
  const query = db
    .select({ conversation: conversations, member: conversationMembers })
    .from(conversations)
    .innerJoin(conversationMembers, and(eq(conversationMembers.conversationId, conversations.id), eq(conversationMembers.userId, userId)))
    .where(eq(conversations.id, conversationId));
  const [row] = lock ? await query.for('update', { of: conversations }) : await query;
  if (!row) throw errors.notFound('conversation');
  return row;
}

export async function loadConversations(db: Database, viewerId: string, rows: ConversationRow[]): Promise<Conversation[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);

  const memberRows = await db
    .select({ member: conversationMembers, user: users })
    .from(conversationMembers)
    .innerJoin(users, eq(users.id, conversationMembers.userId))
    .where(inArray(conversationMembers.conversationId, ids))
    .orderBy(conversationMembers.joinedAt, conversationMembers.userId);

  const lastRows = await db
    .select({ message: messages, sender: { id: users.id, username: users.username, displayName: users.displayName } })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.id, messages.conversationId), eq(conversations.lastSeq, messages.seq)))
    .leftJoin(users, eq(users.id, messages.senderId))
    .where(inArray(messages.conversationId, ids));

  const unreadRows = await db
    .select({ conversationId: messages.conversationId, count: sql<number>`count(*)::int` })
    .from(messages)
    .innerJoin(
      conversationMembers,
      and(eq(conversationMembers.conversationId, messages.conversationId), eq(conversationMembers.userId, viewerId)),
    )
    .where(
      and(
        inArray(messages.conversationId, ids),
        sql`${messages.seq} > ${conversationMembers.lastReadSeq}`,
        isNull(messages.deletedAt),
        sql`${messages.senderId} is distinct from ${viewerId}`,
      ),
    )
    .groupBy(messages.conversationId);

  const online = await onlineAmong([...new Set(memberRows.map((r) => r.user.id))]);
  const membersOf = new Map<string, Member[]>();
  for (const { member, user } of memberRows) {
    const list = membersOf.get(member.conversationId) ?? [];
    list.push(toMember(member, user, online.has(user.id)));
    membersOf.set(member.conversationId, list);
  }
  const lastOf = new Map<string, Message>(lastRows.map((r) => [r.message.conversationId, toMessage(r.message, r.sender)]));
  const unreadOf = new Map(unreadRows.map((r) => [r.conversationId, Number(r.count)]));

  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    title: row.title,
    members: membersOf.get(row.id) ?? [],
    lastSeq: Number(row.lastSeq),
    lastMessage: lastOf.get(row.id) ?? null,
    unreadCount: unreadOf.get(row.id) ?? 0,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function loadConversation(db: Database, viewerId: string, conversationId: string): Promise<Conversation> {
  const { conversation } = await requireMembership(db, viewerId, conversationId);
  const [loaded] = await loadConversations(db, viewerId, [conversation]);
  return loaded;
}

export async function memberIds(db: Database, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: conversationMembers.userId })
    .from(conversationMembers)
    .where(eq(conversationMembers.conversationId, conversationId));
  return rows.map((r) => r.userId);
}
