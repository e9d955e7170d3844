// Presence: online while a user has at least one socket; offline, with lastSeenAt, when the
// last goes, or when the process holding it dies (found by a survivor's sweep). Told only to the
// people who share a conversation with them.
import { and, eq, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '@/db/client';
import { conversationMembers, users } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log';
import { redisClients } from '@/lib/redis';
import { socketConnected, socketDisconnected, startPresence, stopPresence, sweepLapsedServers } from '@/lib/users/presence';
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

async function wentOffline(userId: string, lastSeenAt: Date): Promise<void> {
  await db().update(users).set({ lastSeenAt }).where(eq(users.id, userId));
  emitToUsers(await contactsOf(userId), 'presence', { userId, online: false, lastSeenAt: lastSeenAt.toISOString() });
}

export async function userWentAway(userId: string): Promise<void> {
  if (await socketDisconnected(userId)) await wentOffline(userId, new Date());
}

/**
 * With Redis: beat this process's heartbeat, and look for processes that stopped beating. Their
 * users read offline once the entries lapse (PRESENCE_TTL_SECONDS); the sweep also records their
 * lastSeenAt and tells their contacts, within about one and a half TTLs of the death.
 */
const sweeper: { timer?: ReturnType<typeof setInterval> } = {};

export function startPresenceSweeper(): void {
  if (!redisClients() || sweeper.timer) return;
  startPresence();
  const every = getConfig().presenceTtlMs / 2;
  const sweep = async () => {
    for (const { userId, lastSeenAt } of await sweepLapsedServers()) await wentOffline(userId, lastSeenAt);
  };
  sweeper.timer = setInterval(() => void sweep().catch((error) => log.warn('presence sweep failed', { error: String(error) })), every);
  sweeper.timer.unref();
}

export function stopPresenceSweeper(): void {
  clearInterval(sweeper.timer);
  stopPresence();
}
