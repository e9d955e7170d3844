// Reads whole Conversation objects (members, last message, the reader's unread count) in a
// fixed number of queries, however many conversations are asked for; and members a page at a time.
import { and, eq, inArray } from 'drizzle-orm';
import { isoTime, query, type Database } from '@/db/client';
import { conversationMembers, conversations, users } from '@/db/schema';
import { errors } from '@/lib/errors';
import { toMessage, type MessageRow } from '@/lib/messages/readModel';
import { lastMessagesStatement } from '@/lib/messages/statements';
import { readCursor, timeCursor, timeKeyset, toPage } from '@/lib/pagination';
import { onlineAmong } from '@/lib/presence/registry';
import type { Page } from '@/lib/schemas/common';
import type { Conversation, Member, Message } from '@/lib/schemas/responses';
import { toPublicUser } from '@/lib/users/shape';

export type ConversationRow = typeof conversations.$inferSelect;
export type MemberRow = typeof conversationMembers.$inferSelect;

/** The conversation and the caller's membership; 404 when either is missing (non-members may not know it exists). */
export async function requireMembership(db: Database, userId: string, conversationId: string, lock = false) {
  const q = db
    .select({ conversation: conversations, member: conversationMembers })
    .from(conversations)
    .innerJoin(conversationMembers, and(eq(conversationMembers.conversationId, conversations.id), eq(conversationMembers.userId, userId)))
    .where(eq(conversations.id, conversationId));
  const [row] = lock ? await q.for('update', { of: conversations }) : await q;
  if (!row) throw errors.notFound('conversation');
  return row;
}

/** What differs per person in a conversation: their unread messages, those that mention them, their draft, their notification level. */
export type Personal = Pick<Conversation, 'unreadCount' | 'unreadMentions' | 'draft' | 'notify'>;

export const noPersonal: Personal = { unreadCount: 0, unreadMentions: 0, draft: null, notify: 'all' };

/**
 * Unread messages after each member's read marker (not deleted, not their own), how many of them
 * mention the member, and the member's draft. The one definition of "unread", for the
 * conversation list and for the whole copies sent to members. Keyed `conversationId:userId`.
 */
const personalStatement = `select cm.conversation_id as "conversationId", cm.user_id as "userId", cm.notify,
  coalesce(u.unread, 0) as unread, coalesce(u.mentions, 0) as mentions, d.body as "draftBody", ${isoTime('d.updated_at')} as "draftAt"
from conversation_members cm
left join lateral (
  select count(*)::int as unread, (count(*) filter (where cm.user_id = any(m.mentions)))::int as mentions
  from messages m
  where m.conversation_id = cm.conversation_id and m.seq > cm.last_read_seq and m.deleted_at is null and m.sender_id is distinct from cm.user_id
) u on true
left join drafts d on d.conversation_id = cm.conversation_id and d.user_id = cm.user_id
where cm.conversation_id in (select value::uuid from json_array_elements_text($1::text::json))
  and cm.user_id in (select value::uuid from json_array_elements_text($2::text::json))`;

export async function personalState(db: Database, conversationIds: string[], userIds: string[]): Promise<Map<string, Personal>> {
  if (conversationIds.length === 0 || userIds.length === 0) return new Map();
  type Row = {
    conversationId: string;
    userId: string;
    notify: Personal['notify'];
    unread: number;
    mentions: number;
    draftBody: string | null;
    draftAt: string | null;
  };
  const rows = await query<Row>(personalStatement, [JSON.stringify(conversationIds), JSON.stringify(userIds)], db);
  return new Map(
    rows.map((r) => [
      `${r.conversationId}:${r.userId}`,
      {
        unreadCount: Number(r.unread),
        unreadMentions: Number(r.mentions),
        draft: r.draftBody !== null ? { body: r.draftBody, updatedAt: r.draftAt! } : null,
        notify: r.notify,
      },
    ]),
  );
}

/** Each person's `Personal` in one conversation, by user id. */
export async function personalOf(db: Database, conversationId: string, userIds: string[]): Promise<Record<string, Personal>> {
  const found = await personalState(db, [conversationId], userIds);
  return Object.fromEntries(userIds.map((id) => [id, found.get(`${conversationId}:${id}`) ?? noPersonal]));
}

function toMember(row: MemberRow, user: typeof users.$inferSelect, online: boolean): Member {
  return { user: toPublicUser(user, online), role: row.role, lastReadSeq: Number(row.lastReadSeq), joinedAt: row.joinedAt.toISOString() };
}

/** Members in the order they joined (a time and an id: see timeKeyset). */
const joinOrder = timeKeyset('asc', conversationMembers.joinedAt, conversationMembers.userId);

/** Members with their profiles and presence, in the order they joined. */
async function membersWhere(db: Database, where: ReturnType<typeof and>, limit?: number): Promise<{ conversationId: string; member: Member }[]> {
  const q = db
    .select({ member: conversationMembers, user: users })
    .from(conversationMembers)
    .innerJoin(users, eq(users.id, conversationMembers.userId))
    .where(where)
    .orderBy(...joinOrder.orderBy);
  const rows = limit === undefined ? await q : await q.limit(limit);
  const online = await onlineAmong([...new Set(rows.map((r) => r.user.id))]);
  return rows.map(({ member, user }) => ({ conversationId: member.conversationId, member: toMember(member, user, online.has(user.id)) }));
}

export async function loadConversations(db: Database, viewerId: string, rows: ConversationRow[]): Promise<Conversation[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const members = await membersWhere(db, and(inArray(conversationMembers.conversationId, ids)));
  const lastRows = await query<MessageRow>(lastMessagesStatement, [JSON.stringify(ids)], db);
  const personal = await personalState(db, ids, [viewerId]);

  const membersOf = new Map<string, Member[]>();
  for (const { conversationId, member } of members) {
    const list = membersOf.get(conversationId) ?? [];
    list.push(member);
    membersOf.set(conversationId, list);
  }
  const lastOf = new Map<string, Message>(lastRows.map((r) => [r.conversationId, toMessage(r)]));

  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    title: row.title,
    members: membersOf.get(row.id) ?? [],
    lastSeq: Number(row.lastSeq),
    lastMessage: lastOf.get(row.id) ?? null,
    ...(personal.get(`${row.id}:${viewerId}`) ?? noPersonal),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function loadConversation(db: Database, viewerId: string, conversationId: string): Promise<Conversation> {
  const { conversation } = await requireMembership(db, viewerId, conversationId);
  const [loaded] = await loadConversations(db, viewerId, [conversation]);
  return loaded;
}

/** A conversation's members a page at a time, in the order they joined (for large groups). */
export async function pageMembers(db: Database, viewerId: string, conversationId: string, page: { limit: number; cursor?: string }): Promise<Page<Member>> {
  await requireMembership(db, viewerId, conversationId);
  const after = joinOrder.after(readCursor(timeCursor, page.cursor));
  const rows = await membersWhere(db, and(eq(conversationMembers.conversationId, conversationId), after), page.limit + 1);
  return toPage(
    rows,
    page.limit,
    (last) => [last.member.joinedAt, last.member.user.id],
    (r) => r.member,
  );
}

export async function memberIds(db: Database, conversationId: string): Promise<string[]> {
  const rows = await db.select({ userId: conversationMembers.userId }).from(conversationMembers).where(eq(conversationMembers.conversationId, conversationId));
  return rows.map((r) => r.userId);
}
