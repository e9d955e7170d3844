// Conversations: direct (one per pair) and groups (owner, admins, members). Every function takes
// the acting user, checks the policy, writes in one transaction, then raises what changed.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { db, type Database } from '@/db/client';
import { conversationMembers, conversations, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError, errors } from '@/lib/errors';
import { raise, type DomainEvents } from '@/lib/events/bus';
import { defaultLevel } from '@/lib/notifications/levels';
import { readCursor, timeCursor, timeKeyset, toPage } from '@/lib/pagination';
import { can, canRemove, canSetRole, type GroupAction, type Role } from '@/lib/policy';
import type { Page } from '@/lib/schemas/common';
import { MAX_GROUP_MEMBERS, type CreateConversationInput } from '@/lib/schemas/conversations';
import type { Conversation, Member } from '@/lib/schemas/responses';
import { loadConversation, loadConversations, memberIds, pageMembers, personalOf, requireMembership, type ConversationRow } from './load';

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

/** Loads a conversation just made and tells its members: nothing is unread yet, so all see the same. */
async function announceCreated(conversationId: string, creatorId: string): Promise<Conversation> {
  const conversation = await loadConversation(db(), creatorId, conversationId);
  raise('conversation.created', { conversation, memberIds: conversation.members.map((m) => m.user.id) });
  return conversation;
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
    if (createdId) return { conversation: await announceCreated(createdId, actor.userId), created: true };
    const [existing] = await db().select({ id: conversations.id }).from(conversations).where(eq(conversations.directKey, key));
    return { conversation: await loadConversation(db(), actor.userId, existing.id), created: false };
  }

  const others = [...new Set(input.memberIds)].filter((id) => id !== actor.userId);
  await requireUsersExist(others, 'memberIds');
  const id = await db().transaction(async (tx) => {
    const [row] = await tx.insert(conversations).values({ type: 'group', title: input.title }).returning({ id: conversations.id });
    const now = Date.now();
    const notify = defaultLevel('group', others.length + 1);
    await tx.insert(conversationMembers).values([
      { conversationId: row.id, userId: actor.userId, role: 'owner' as const, joinedAt: new Date(now), notify },
      // Later joinedAt for the others keeps "longest-serving" well defined.
      ...others.map((userId) => ({ conversationId: row.id, userId, role: 'member' as const, joinedAt: new Date(now + 1), notify })),
    ]);
    return row.id;
  });
  return { conversation: await announceCreated(id, actor.userId), created: true };
}

export async function getConversation(actor: Actor, conversationId: string): Promise<Conversation> {
  return loadConversation(db(), actor.userId, conversationId);
}

/** A conversation's members a page at a time (a large group's list is long). */
export async function listMembers(actor: Actor, conversationId: string, page: { limit: number; cursor?: string }): Promise<Page<Member>> {
  return pageMembers(db(), actor.userId, conversationId, page);
}

const latestFirst = timeKeyset('desc', conversations.updatedAt, conversations.id);

/** The caller's conversations, most recent activity first. */
export async function listConversations(actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<Conversation>> {
  const rows = await db()
    .select({ conversation: conversations })
    .from(conversations)
    .innerJoin(conversationMembers, and(eq(conversationMembers.conversationId, conversations.id), eq(conversationMembers.userId, actor.userId)))
    .where(latestFirst.after(readCursor(timeCursor, page.cursor)))
    .orderBy(...latestFirst.orderBy)
    .limit(page.limit + 1);
  const found = toPage<{ conversation: ConversationRow }, ConversationRow>(
    rows,
    page.limit,
    (last) => [last.conversation.updatedAt.toISOString(), last.conversation.id],
    (r) => r.conversation,
  );
  return { items: await loadConversations(db(), actor.userId, found.items), nextCursor: found.nextCursor };
}

/** The caller's membership of a group, checked against the policy for `action`, with the row locked. */
async function requireGroupAction(tx: Database, actor: Actor, conversationId: string, action?: GroupAction) {
  const found = await requireMembership(tx, actor.userId, conversationId, true);
  if (found.conversation.type !== 'group') throw errors.forbidden('That can only be done in a group.');
  if (action && !can(found.member.role, action)) {
    throw errors.forbidden(action === 'setRole' ? 'Only the owner can change roles.' : 'Only the owner or an admin can do that.');
  }
  return found;
}

/** Bumps a conversation's activity time, on the database's clock as sends do; returns it as the API prints it. */
async function touch(tx: Database, conversationId: string, changes: { title?: string } = {}): Promise<string> {
  const [row] = await tx
    .update(conversations)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(eq(conversations.id, conversationId))
    .returning({ updatedAt: conversations.updatedAt });
  return row.updatedAt.toISOString();
}

export async function renameConversation(actor: Actor, conversationId: string, title: string): Promise<Conversation> {
  const renamed = await db().transaction(async (tx) => {
    await requireGroupAction(tx, actor, conversationId, 'rename');
    const updatedAt = await touch(tx, conversationId, { title });
    return { updatedAt, memberIds: await memberIds(tx, conversationId) };
  });
  raise('conversation.renamed', { conversationId, title, ...renamed });
  return loadConversation(db(), actor.userId, conversationId);
}

export async function addMembers(actor: Actor, conversationId: string, userIds: string[]): Promise<Conversation> {
  const wanted = [...new Set(userIds)];
  await requireUsersExist(wanted, 'userIds');
  const change = await db().transaction(async (tx) => {
    await requireGroupAction(tx, actor, conversationId, 'addMembers');
    const present = new Set(await memberIds(tx, conversationId));
    const fresh = wanted.filter((id) => !present.has(id));
    if (present.size + fresh.length > MAX_GROUP_MEMBERS) {
      throw new AppError('validation_failed', `A group has at most ${MAX_GROUP_MEMBERS} members.`, [{ path: 'userIds', message: 'Too many members.' }]);
    }
    if (fresh.length === 0) return null;
    const notify = defaultLevel('group', present.size + fresh.length);
    await tx.insert(conversationMembers).values(fresh.map((userId) => ({ conversationId, userId, role: 'member' as const, notify })));
    const updatedAt = await touch(tx, conversationId);
    // Read under the lock, so the event says exactly what this change made, whatever follows it.
    const [row] = await tx.select().from(conversations).where(eq(conversations.id, conversationId));
    const [conversation] = await loadConversations(tx, fresh[0], [row]);
    return {
      added: conversation.members.filter((m) => fresh.includes(m.user.id)),
      conversation,
      personal: await personalOf(tx, conversationId, fresh),
      memberIds: [...present, ...fresh],
      updatedAt,
    };
  });
  if (change) raise('members.added', { conversationId, ...change });
  return loadConversation(db(), actor.userId, conversationId);
}

/**
 * Removes a member (owner or admin), or the caller themself (leaving). An admin may remove only
 * plain members. When the owner leaves, the longest-serving admin, else member, becomes owner;
 * a group left empty is deleted.
 */
export async function removeMember(actor: Actor, conversationId: string, userId: string): Promise<void> {
  const change = await db().transaction(async (tx) => {
    const { member } = await requireGroupAction(tx, actor, conversationId);
    const [target] = await tx
      .select()
      .from(conversationMembers)
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)));
    if (!target) throw errors.notFound('member');
    if (!canRemove({ id: actor.userId, role: member.role }, { id: userId, role: target.role })) {
      throw errors.forbidden(
        can(member.role, 'removeMember') ? 'Only the owner can remove an admin, and nobody can remove the owner.' : 'Only the owner or an admin can do that.',
      );
    }
    const left = await leave(tx, conversationId, userId, target.role);
    return { ...left, updatedAt: left.memberIds.length > 0 ? await touch(tx, conversationId) : new Date().toISOString() };
  });
  raise('member.removed', { conversationId, userId, ...change });
}

/**
 * Takes one person out of a conversation whose row the caller has locked; the owner's role
 * passes on, and a group left empty is deleted. Returns the heir and who is still in it.
 */
async function leave(tx: Database, conversationId: string, userId: string, role: Role): Promise<{ heirId: string | null; memberIds: string[] }> {
  await tx.delete(conversationMembers).where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)));
  const heirId = role === 'owner' ? await passOwnership(tx, conversationId) : null;
  return { heirId, memberIds: await memberIds(tx, conversationId) };
}

/** Makes the longest-serving admin, else member, the owner; deletes the group when nobody is left. */
async function passOwnership(tx: Database, conversationId: string): Promise<string | null> {
  const [heir] = await tx
    .select({ userId: conversationMembers.userId })
    .from(conversationMembers)
    .where(eq(conversationMembers.conversationId, conversationId))
    .orderBy(sql`case ${conversationMembers.role} when 'admin' then 0 else 1 end`, asc(conversationMembers.joinedAt), asc(conversationMembers.userId))
    .limit(1);
  if (!heir) {
    await tx.delete(conversations).where(eq(conversations.id, conversationId));
    return null;
  }
  await tx
    .update(conversationMembers)
    .set({ role: 'owner' })
    .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, heir.userId)));
  return heir.userId;
}

export async function setRole(actor: Actor, conversationId: string, userId: string, role: 'admin' | 'member'): Promise<Conversation> {
  const change = await db().transaction(async (tx) => {
    const { member } = await requireGroupAction(tx, actor, conversationId, 'setRole');
    if (!canSetRole({ id: actor.userId, role: member.role }, { id: userId })) {
      throw errors.forbidden('The owner keeps the owner role; leave the group to pass it on.');
    }
    const updated = await tx
      .update(conversationMembers)
      .set({ role })
      .where(and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.userId, userId)))
      .returning({ userId: conversationMembers.userId });
    if (updated.length === 0) throw errors.notFound('member');
    return { updatedAt: await touch(tx, conversationId), memberIds: await memberIds(tx, conversationId) };
  });
  raise('member.role_changed', { conversationId, userId, role, ...change });
  return loadConversation(db(), actor.userId, conversationId);
}

/** Tells the other members that the caller is (or stopped) typing; non-members get 404. */
export async function notifyTyping(actor: Actor, conversationId: string, typing: boolean): Promise<void> {
  await requireMembership(db(), actor.userId, conversationId);
  raise('typing.changed', { conversationId, userId: actor.userId, typing, memberIds: await memberIds(db(), conversationId) });
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
        sql`${conversationMembers.lastReadSeq} < ${target}`,
      ),
    )
    .returning({ userId: conversationMembers.userId });
  if (moved.length === 0) return;
  // The other members see the read state; the reader's other tabs clear their unread badge.
  raise('conversation.read', { conversationId, userId: actor.userId, seq: target, memberIds: await memberIds(db(), conversationId) });
}

/**
 * Takes a person out of every conversation before their account goes: groups they owned pass
 * to the next owner (or are deleted when empty). Returns what to raise once the deletion commits.
 */
export async function leaveAllConversations(tx: Database, userId: string): Promise<() => void> {
  const mine = await tx
    .select({ conversationId: conversationMembers.conversationId, role: conversationMembers.role })
    .from(conversationMembers)
    .where(eq(conversationMembers.userId, userId));
  const changes: DomainEvents['member.removed'][] = [];
  if (mine.length === 0) return () => {};
  // The conversations first, in one order, as a send or a removal locks them: no deadlock with either.
  const locked = await tx
    .select({ id: conversations.id, updatedAt: conversations.updatedAt })
    .from(conversations)
    .where(
      inArray(
        conversations.id,
        mine.map((m) => m.conversationId),
      ),
    )
    .orderBy(conversations.id)
    .for('update');
  const activity = new Map(locked.map((c) => [c.id, c.updatedAt.toISOString()]));
  for (const m of mine) {
    // Someone leaving by deleting their account is not activity: the list order stays.
    changes.push({
      conversationId: m.conversationId,
      userId,
      ...(await leave(tx, m.conversationId, userId, m.role)),
      updatedAt: activity.get(m.conversationId)!,
    });
  }
  return () => {
    for (const change of changes) raise('member.removed', change);
  };
}
