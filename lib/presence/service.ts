// Presence transitions: online while a user has at least one socket; offline, with lastSeenAt,
// when the last goes (after a short grace, so a reload or reconnect says nothing), or when the
// process holding it dies (found by a survivor's sweep). Raised as `presence.changed` for the
// people who share a conversation with them.
import { and, eq, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { db } from '@/db/client';
import { conversationMembers, users } from '@/db/schema';
import { getConfig } from '@/lib/config';
import { log } from '@/lib/log';
import { redisClients } from '@/lib/redis';
import { raise } from '@/lib/events/bus';
import { isOnline, socketConnected, socketDisconnected, startPresence, stopPresence, sweepLapsedServers } from './registry';

export async function contactsOf(userId: string): Promise<string[]> {
  const other = alias(conversationMembers, 'other');
  const rows = await db()
    .selectDistinct({ userId: other.userId })
    .from(conversationMembers)
    .innerJoin(other, and(eq(other.conversationId, conversationMembers.conversationId), ne(other.userId, userId)))
    .where(eq(conversationMembers.userId, userId));
  return rows.map((r) => r.userId);
}

/** Presence work under way, so a shutdown can let it finish before closing Redis and the database. */
const inflight = new Set<Promise<unknown>>();
function tracked<T>(work: Promise<T>): Promise<T> {
  inflight.add(work);
  void work.finally(() => inflight.delete(work)).catch(() => {});
  return work;
}

async function cameOnline(userIds: string[]): Promise<void> {
  for (const userId of userIds) raise('presence.changed', { userId, online: true, lastSeenAt: null, contactIds: await contactsOf(userId) });
}

/** Records lastSeenAt (never moving it back) and tells the contacts. */
async function wentOffline(userId: string, lastSeenAt: Date): Promise<void> {
  const [row] = await db()
    .update(users)
    .set({ lastSeenAt: sql`greatest(${users.lastSeenAt}, ${lastSeenAt.toISOString()}::timestamptz)` })
    .where(eq(users.id, userId))
    .returning({ lastSeenAt: users.lastSeenAt });
  if (!row) return; // the account is gone
  raise('presence.changed', { userId, online: false, lastSeenAt: row.lastSeenAt!.toISOString(), contactIds: await contactsOf(userId) });
}

export function userCameOnline(userId: string): Promise<void> {
  return tracked(socketConnected(userId).then((first) => (first ? cameOnline([userId]) : undefined)));
}

/**
 * A socket that closed still counts for this long: a user whose last tab reloads or reconnects
 * within it was never away, and their contacts (everyone in all their groups) hear nothing. Their
 * lastSeenAt, if they do not come back, is when the socket closed.
 */
export const PRESENCE_GRACE_MS = 2_000;

/** Closed sockets still in their grace: each entry counts it out now (at shutdown). */
const leaving = new Map<ReturnType<typeof setTimeout>, () => void>();

export function userWentAway(userId: string): Promise<void> {
  const at = new Date();
  return new Promise<void>((resolve) => {
    const countOut = () => {
      clearTimeout(timer);
      leaving.delete(timer);
      resolve(tracked(socketDisconnected(userId).then((last) => (last ? wentOffline(userId, at) : undefined))));
    };
    const timer = setTimeout(countOut, PRESENCE_GRACE_MS);
    timer.unref();
    leaving.set(timer, countOut);
  });
}

/**
 * With Redis: beat this process's heartbeat, and look for processes that stopped beating. Their
 * users read offline once the entries lapse (PRESENCE_TTL_SECONDS); the sweep also records their
 * lastSeenAt and tells their contacts, within about one and a half TTLs of the death. A user who
 * came back on a live process in the meantime is left alone.
 */
const sweeper: { timer?: ReturnType<typeof setInterval>; running?: boolean } = {};

async function sweep(): Promise<void> {
  if (sweeper.running) return;
  sweeper.running = true;
  try {
    for (const { userId, lastSeenAt } of await sweepLapsedServers()) {
      if (!(await isOnline(userId))) await wentOffline(userId, lastSeenAt);
    }
  } finally {
    sweeper.running = false;
  }
}

export function startPresenceSweeper(): void {
  if (!redisClients() || sweeper.timer) return;
  // Swept by mistake (a stall, or Redis away longer than the TTL): say these users are here.
  const warn = (what: string) => (error: unknown) => log.warn(what, { error: String(error) });
  startPresence((userIds) => void tracked(cameOnline(userIds)).catch(warn('presence announce failed')));
  const every = getConfig().presenceTtlMs / 2;
  sweeper.timer = setInterval(() => void tracked(sweep()).catch(warn('presence sweep failed')), every);
  sweeper.timer.unref();
}

/** At shutdown: closed sockets are counted out at once, no more beats or sweeps, and the presence work under way finishes. */
export async function stopPresenceSweeper(): Promise<void> {
  for (const countOut of [...leaving.values()]) countOut();
  clearInterval(sweeper.timer);
  sweeper.timer = undefined;
  stopPresence();
  await Promise.allSettled([...inflight]);
}
