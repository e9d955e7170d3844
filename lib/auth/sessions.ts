// Sessions: one row per browser sign-in (named by the JWT cookie) or script sign-in (a bearer
// secret). Every request re-reads its row, so deleting the row revokes at once.
import { and, eq, gt, ne } from 'drizzle-orm';
import { db } from '@/db/client';
import { sessions, users, type UserRow } from '@/db/schema';
import { disconnectRooms, rooms } from '@/lib/realtime/publisher';
import { hashSecret, newSecret } from './secrets';

export const SESSION_DAYS = 30;
const day = 24 * 60 * 60 * 1000;
/** lastUsedAt is written at most this often per session, to keep reads read-only. */
const touchEveryMs = 60 * 1000;

export async function createBrowserSession(userId: string): Promise<{ id: string; expiresAt: Date }> {
  const [row] = await db()
    .insert(sessions)
    .values({ userId, kind: 'browser', expiresAt: new Date(Date.now() + SESSION_DAYS * day) })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt });
  return row;
}

export async function createApiSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret('session');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * day);
  await db().insert(sessions).values({ userId, kind: 'api', tokenHash: hashSecret(token), expiresAt });
  return { token, expiresAt };
}

type Live = { sessionId: string; user: UserRow };

async function liveSession(where: ReturnType<typeof eq>): Promise<Live | null> {
  const [row] = await db()
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(where, gt(sessions.expiresAt, new Date())))
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.session.lastUsedAt.getTime() > touchEveryMs) {
    await db().update(sessions).set({ lastUsedAt: new Date() }).where(eq(sessions.id, row.session.id));
  }
  return { sessionId: row.session.id, user: row.user };
}

export function findBrowserSession(sessionId: string): Promise<Live | null> {
  return liveSession(and(eq(sessions.id, sessionId), eq(sessions.kind, 'browser'))!);
}

export function findApiSession(token: string): Promise<Live | null> {
  return liveSession(eq(sessions.tokenHash, hashSecret(token)));
}

/** Revokes a session at once: its row goes, and its open sockets are disconnected. */
export async function revokeSession(sessionId: string): Promise<void> {
  await db().delete(sessions).where(eq(sessions.id, sessionId));
  disconnectRooms([rooms.session(sessionId)]);
}

/** Revokes every session of the user except the one named (if any). */
export async function revokeOtherSessions(userId: string, keepSessionId?: string): Promise<void> {
  const revoked = await db()
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  disconnectRooms(revoked.map((r) => rooms.session(r.id)));
}
