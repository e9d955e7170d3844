// Conversations: direct (one per pair) and groups (owner, admins, members). Every function
// takes the acting user, checks permission, writes in one transaction, then publishes.
import { and, asc, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { db, type Database } from '@/db/client';
import { conversationMembers, conversations, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError, errors } from '@/lib/errors';
import { emitToUsers } from '@/lib/realtime/publisher';
import { decodeCursor, encodeCursor, type Page } from '@/lib/schemas/common';
import { MAX_GROUP_MEMBERS, type CreateConversationInput } from '@/lib/schemas/conversations';
import { loadConversation, loadConversations, memberIds, requireMembership } from './load';
import { publishConversation } from './publish';
import type { Conversation, Role } from './shape';

export function directKey(a: string, b: string): string {
  return [a, b].sort().join(':');
}

async function requireUsersExist(userIds: string[], field: string): Promise<void> {
  if (userIds.length === 0) return;
  const found = await db().select({ id: users.id }).from(users).where(inArray(users.id, userIds));
  if (found.length !== userIds.length) {
    throw new AppError('validation_failed', 'Some of those people do not exist.', [{ path: field, message: 'No such user.' }]);
  }
}

/** Creates a conversation; for a direct one that already exists, returns it with created=false. */
export async function createConversation(actor: Actor, input: CreateConversationInput): Promise<{ conversation: Conversation; created: boolean }> {
  if (input.type === 'direct') {
    if (input.userId === actor.userId) {
      throw new AppError('validation_failed', 'A direct conversation is with someone else.', [{ path: 'userId', message: 'Pick another person.' }]);
    }
    await requireUsersExist([input.userId], 'userId');
    const key = directKey(actor.userId, input.userId);
    // The unique direct_key makes the pair unique even when both people start it at once.
    const createdId = await db().transaction(async (tx) => {
      const [row] = await tx.insert(conversations).values({ type: 'direct', directKey: key }).onConflictDoNothing().returning({ id: conversations.id });
      if (!row) return null;
      await tx.insert(conversationMembers).values([
        { conversationId: row.id, userId: actor.userId, role: 'member' },
        { conversationId: row.id, userId: input.userId, role: 'member' },
      ]);
      return row.id;
    });
    const id = createdId ?? (await db().select({ id: conversations.id }).from(conversations).where(eq(conversations.directKey, key)))[0].id;
    if (createdId) await publishConversation(db(), id);
    return { conversation: await loadConversation(db(), actor.userId, id), created: createdId !== null };
  }

  const others = [...new Set(input.memberIds)].filter((id) => id !== actor.userId);
  await requireUsersExist(others, 'memberIds');
  const id = await db().transaction(async (tx) => {
    const [row] = await tx.insert(conversations).values({ type: 'group', title: input.title }).returning({ id: conversations.id });
    const now = Date.now();
    await tx.insert(conversationMembers).values([
      { conversationId: row.id, userId: actor.userId, role: 'owner' as const, joinedAt: new Date(now) },
      // Later joinedAt for the others keeps "longest-serving" well defined.
      ...others.map((userId) => ({ conversationId: row.id, userId, role: 'member' as const, joinedAt: new Date(now + 1) })),
    ]);
    return row.id;
  });
  await publishConversation(db(), id);
  return { conversation: await loadConversation(db(), actor.userId, id), created: true };
}

export async function getConversation(actor: Actor, conversationId: string): Promise<Conversation> {
  return loadConversation(db(), actor.userId, conversationId);
}

/** The caller's conversations, most recent activity first. */
export async function listConversations(actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<Conversation>> {
  let after: { at: Date; id: string } | undefined;
  if (page.cursor) {
    const key = decodeCursor(page.cursor);
    if (!key || typeof key[0] !== 'string' || typeof key[1] !== 'string' || Number.isNaN(Date.parse(key[0]))) throw errors.badCursor();
    after = { at: new Date(key[0]), id: key[1] };
  }
  const rows = await db()
    .select({ conversation: conversations })
    .from(conversations)
    .innerJoin(conversationMembers, and(eq(conversationMembers.conversationId, conversations.id), eq(conversationMembers.userId, actor.userId)))
    .where(after ? or(lt(conversations.updatedAt, after.at), and(eq(conversations.updatedAt, after.at), lt(conversations.id, after.id))) : undefined)
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(page.limit + 1);
  const pageRows = rows.slice(0, page.limit).map((r) => r.conversation);
  const last = pageRows.at(-1);
  return {
    items: await loadConversations(db(), actor.userId, pageRows),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.updatedAt.toISOString(), last.id]) : null,
  };
}

function requireGroup(conversation: { type: string }) {
  if (conversation.type !== 'group') throw errors.forbidden('That can only be done in a group.');
}

function requireManager(role: Role) {
  if (role !== 'owner' && role !== 'admin') throw errors.forbidden('Only the owner or an admin can do that.');
}

export async function renameConversation(actor: Actor, conversationId: string, title: string): Promise<Conversation> {
  await db().transaction(async (tx) => {
    const { conversation, member } = await requireMembership(tx, actor.userId, conversationId, true);
    requireGroup(conversation);
    requireManager(member.role);
    await tx.update(conversations).set({ title, updatedAt: new Date() }).where(eq(conversations.id, conversationId));
  });
  await publishConversation(db(), conversationId);
  return loadConversation(db(), actor.userId, conversationId);
}

export async function addMembers(actor: Actor, conversationId: string, userIds: string[]): Promise<Conversation> {
  const wanted = [...new Set(userIds)];
  await requireUsersExist(wanted, 'userIds');
  await db().transaction(async (tx) => {
    const { conversation, member } = await requireMembership(tx, actor.userId, conversationId, true);
    requireGroup(conversation);
    requireManager(member.role);
    const present = new Set(await memberIds(tx, conversationId));
    const fresh = wanted.filter((id) => !present.has(id));
    if (present.size + fresh.length > MAX_GROUP_MEMBERS) {
      throw new AppError('validation_failed', `A group has at most ${MAX_GROUP_MEMBERS} members.`, [{ path: 'userIds', message: 'Too many members.' }]);
    }
    if (fresh.length === 0) return;
    await tx.insert(conversationMembers).values(fresh.map((userId) => ({ conversationId, userId, role: 'member' as const })));
    await tx.update(conversations).set({ updatedAt: new Date() }).where(eq(conversations.id, conversationId));
  });
  await publishConversation(db(), conversationId);
  return loadConversation(db(), actor.userId, conversationId);
}

/**
 * Removes a member (owner or admin), or the caller themself (leaving). An admin may remove only
 * plain members. When the owner leaves, the longest-serving admin, else member, becomes owner;
 * a group left empty is deleted.
 */
export async function removeMember(actor: Actor, conversationId: string, userId: string): Promise<void> {
  await db().transaction(async (tx) => {
    const { conversation, member } = await requireMembership(tx, actor.userId, conversationId, true);
    requireGroup(conversation);
    const [target] = await tx
      .select()
      .from(conversationMembers)
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)));
    if (!target) throw errors.notFound('member');
    if (userId !== actor.userId) {
      requireManager(member.role);
      if (target.role === 'owner' || (member.role === 'admin' && target.role === 'admin')) {
        throw errors.forbidden('Only the owner can remove an admin, and nobody can remove the owner.');
      }
    }
    await tx.delete(conversationMembers).where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)));
    await tx.update(conversations).set({ updatedAt: new Date() }).where(eq(conversations.id, conversationId));
    if (target.role === 'owner') await passOwnership(tx, conversationId);
  });
  emitToUsers([userId], 'conversation:removed', { conversationId });
  await publishConversation(db(), conversationId);
}

async function passOwnership(tx: Database, conversationId: string): Promise<void> {
  const [heir] = await tx
    .select({ userId: conversationMembers.userId })
    .from(conversationMembers)
    .where(eq(conversationMembers.conversationId, conversationId))
    .orderBy(sql`case ${conversationMembers.role} when 'admin' then 0 else 1 end`, asc(conversationMembers.joinedAt), asc(conversationMembers.userId))
    .limit(1);
  if (!heir) {
    await tx.delete(conversations).where(eq(conversations.id, conversationId));
    return;
  }
  await tx
    .update(conversationMembers)
    .set({ role: 'owner' })
    .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, heir.userId)));
}

export async function setRole(actor: Actor, conversationId: string, userId: string, role: 'admin' | 'member'): Promise<Conversation> {
  await db().transaction(async (tx) => {
    const { conversation, member } = await requireMembership(tx, actor.userId, conversationId, true);
    requireGroup(conversation);
    if (member.role !== 'owner') throw errors.forbidden('Only the owner can change roles.');
    if (userId === actor.userId) throw errors.forbidden('The owner keeps the owner role; leave the group to pass it on.');
    const updated = await tx
      .update(conversationMembers)
      .set({ role })
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)))
      .returning({ userId: conversationMembers.userId });
    if (updated.length === 0) throw errors.notFound('member');
    await tx.update(conversations).set({ updatedAt: new Date() }).where(eq(conversations.id, conversationId));
  });
  await publishConversation(db(), conversationId);
  return loadConversation(db(), actor.userId, conversationId);
}

/** Tells the other members that the caller is (or stopped) typing; non-members get 404. */
export async function notifyTyping(actor: Actor, conversationId: string, typing: boolean): Promise<void> {
  await requireMembership(db(), actor.userId, conversationId);
  const others = (await memberIds(db(), conversationId)).filter((id) => id !== actor.userId);
  emitToUsers(others, 'typing', { conversationId, userId: actor.userId, typing });
}

/** Moves the caller's read marker forward (never back, never past the last message). */
export async function markRead(actor: Actor, conversationId: string, seq: number): Promise<void> {
  const { conversation } = await requireMembership(db(), actor.userId, conversationId);
  const target = Math.min(seq, Number(conversation.lastSeq));
  const moved = await db()
    .update(conversationMembers)
    .set({ lastReadSeq: target })
    .where(
      and(
        eq(conversationMembers.conversationId, conversationId),
        eq(conversationMembers.userId, actor.userId),
        lt(conversationMembers.lastReadSeq, target),
      ),
    )
    .returning({ userId: conversationMembers.userId });
  if (moved.length === 0) return;
  // The other members see the read state; the reader's other tabs clear their unread badge.
  emitToUsers(await memberIds(db(), conversationId), 'read', { conversationId, userId: actor.userId, seq: target });
}

/**
 * Takes a person out of every conversation before their account goes: groups they owned pass
 * to the next owner (or are deleted when empty). Returns the conversations to republish.
 */
export async function leaveAllConversations(tx: Database, userId: string): Promise<string[]> {
  const mine = await tx
    .delete(conversationMembers)
    .where(eq(conversationMembers.userId, userId))
    .returning({ conversationId: conversationMembers.conversationId, role: conversationMembers.role });
  for (const m of mine) if (m.role === 'owner') await passOwnership(tx, m.conversationId);
  return mine.map((m) => m.conversationId);
}

export async function publishConversations(conversationIds: string[]): Promise<void> {
  for (const id of conversationIds) await publishConversation(db(), id);
}
