// Presence: online while a user has at least one socket; offline, with lastSeenAt, when the
// last goes. Told only to the people who share a conversation with them.
import { and, eq, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '@/db/client';
import { conversationMembers, users } from '@/db/schema';
import { socketConnected, socketDisconnected } from '@/lib/users/presence';
import { emitToUsers } from './publisher';

export async function contactsOf(userId: string): Promise<string[]> {
  const other = alias(conversationMembers, 'other');
  const rows = await db()
    .selectDistinct({ userId: other.userId })
    .from(conversationMembers)
    .innerJoin(other, and(eq(other.conversationId, conversationMembers.conversationId), ne(other.userId, userId)))
    .where(eq(conversationMembers.userId, userId));
  return rows.map((r) => r.userId);
}

export async function userCameOnline(userId: string): Promise<void> {
  if (!(await socketConnected(userId))) return;
  emitToUsers(await contactsOf(userId), 'presence', { userId, online: true, lastSeenAt: null });
}

export async function userWentAway(userId: string): Promise<void> {
  if (!(await socketDisconnected(userId))) return;
  const lastSeenAt = new Date();
  await db().update(users).set({ lastSeenAt }).where(eq(users.id, userId));
  emitToUsers(await contactsOf(userId), 'presence', { userId, online: false, lastSeenAt: lastSeenAt.toISOString() });
}
