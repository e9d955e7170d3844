// Sessions: one row per browser sign-in (named by the JWT cookie) or script sign-in (a bearer
// secret). Every request re-reads its row, so deleting the row revokes at once.
import { and, eq, ne } from 'drizzle-orm';
import { db, query } from '@/db/client';
import { sessions } from '@/db/schema';
import { raise } from '@/lib/events/bus';
import { toAccount, userColumns, type Account, type RawUser } from '@/lib/users/rows';
import { hashSecret, newSecret } from './secrets';

export const SESSION_DAYS = 30;
const day = 24 * 60 * 60 * 1000;
/** lastUsedAt is written at most this often per session, to keep most reads read-only. */
const touchEverySeconds = 60;

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
  await db()
    .insert(sessions)
    .values({ userId, kind: 'api', tokenHash: hashSecret(token), expiresAt });
  return { token, expiresAt };
}

type Live = { sessionId: string; user: Account };

/**
 * The live session and its user in one round trip (every request makes it). lastUsedAt is
 * written in the same statement, at most once a minute per session.
 */
const liveStatement = (where: string) => `with s as (
  select id, user_id from sessions where ${where} and expires_at > now()
), touched as (
  update sessions set last_used_at = now() from s
  where sessions.id = s.id and sessions.last_used_at < now() - interval '${touchEverySeconds} seconds'
)
select s.id as "sessionId", ${userColumns} from s join users u on u.id = s.user_id`;
const browserStatement = liveStatement(`id = $1::uuid and kind = 'browser'`);
const apiStatement = liveStatement('token_hash = $1::text');

async function liveSession(statement: string, key: string): Promise<Live | null> {
  const [row] = await query<RawUser & { sessionId: string }>(statement, [key]);
  return row ? { sessionId: row.sessionId, user: toAccount(row) } : null;
}

export function findBrowserSession(sessionId: string): Promise<Live | null> {
  return liveSession(browserStatement, sessionId);
}

export function findApiSession(token: string): Promise<Live | null> {
  return liveSession(apiStatement, hashSecret(token));
}

/** Revokes a session at once: its row goes, and its open sockets are disconnected. */
export async function revokeSession(sessionId: string): Promise<void> {
  await db().delete(sessions).where(eq(sessions.id, sessionId));
  raise('credentials.revoked', { sessionIds: [sessionId] });
}

/** Revokes every session of the user except the one named (if any). */
export async function revokeOtherSessions(userId: string, keepSessionId?: string): Promise<void> {
  const revoked = await db()
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  raise('credentials.revoked', { sessionIds: revoked.map((r) => r.id) });
}
