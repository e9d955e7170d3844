// Sessions: one row per browser sign-in (named by the JWT cookie) or script sign-in (a bearer
// secret). Every request re-reads its row, so deleting the row revokes at once; a row created
// before its user's credential epoch (the last password change) no longer counts either.
import { and, eq, ne } from 'drizzle-orm';
import { db, isoTime, query, type Database, type Transaction } from '@/db/client';
import { sessions, type UserRow } from '@/db/schema';
import { errors } from '@/lib/errors';
import { raise } from '@/lib/events/bus';
import { toAccount, userColumns, type Account, type RawUser } from '@/lib/users/rows';
import { hashSecret, newSecret } from './secrets';

export const SESSION_DAYS = 30;
const day = 24 * 60 * 60 * 1000;
/** lastUsedAt is written at most this often per session, to keep most reads read-only. */
const touchEverySeconds = 60;

/** Who a session is for: the user row as read by the password check, epoch included. */
export type CheckedUser = Pick<UserRow, 'id' | 'credentialsChangedAt'>;

/**
 * Writes a session row only while the user's credential epoch is still the one the password was
 * checked against. A password change committed since then moved it, so a sign-in that verified
 * the old password just before the change cannot leave a session behind; FOR SHARE makes a change
 * that is under way wait for this insert, and then its epoch comes after this session.
 */
const issueStatement = `insert into sessions (user_id, kind, token_hash, expires_at)
  select u.id, $2::session_kind, $3::text, $4::timestamptz from users u
  where u.id = $1::uuid and u.credentials_changed_at = $5::timestamptz
  for share
  returning id`;

async function issue(user: string | CheckedUser, kind: 'browser' | 'api', tokenHash: string | null, expiresAt: Date): Promise<string> {
  if (typeof user === 'string') {
    // Without the epoch the password was checked against, the row can only be written as of now.
    const [row] = await db().insert(sessions).values({ userId: user, kind, tokenHash, expiresAt }).returning({ id: sessions.id });
    return row.id;
  }
  const [row] = await query<{ id: string }>(issueStatement, [user.id, kind, tokenHash, expiresAt.toISOString(), user.credentialsChangedAt.toISOString()]);
  if (!row) throw errors.unauthenticated();
  return row.id;
}

export async function createBrowserSession(user: string | CheckedUser): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + SESSION_DAYS * day);
  return { id: await issue(user, 'browser', null, expiresAt), expiresAt };
}

export async function createApiSession(user: string | CheckedUser): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret('session');
  const expiresAt = new Date(Date.now() + SESSION_DAYS * day);
  await issue(user, 'api', hashSecret(token), expiresAt);
  return { token, expiresAt };
}

type Live = { sessionId: string; user: Account; expiresAt: Date };

/**
 * The live session and its user in one round trip (every request makes it). lastUsedAt is
 * written in the same statement, at most once a minute per session.
 */
const liveStatement = (where: string) => `with s as (
  select id, user_id, created_at, expires_at from sessions where ${where} and expires_at > now()
), touched as (
  update sessions set last_used_at = now() from s
  where sessions.id = s.id and sessions.last_used_at < now() - interval '${touchEverySeconds} seconds'
)
select s.id as "sessionId", ${isoTime('s.expires_at')} as "expiresAt", ${userColumns}
from s join users u on u.id = s.user_id and s.created_at >= u.credentials_changed_at`;
const browserStatement = liveStatement(`id = $1::uuid and kind = 'browser'`);
const apiStatement = liveStatement('token_hash = $1::text');

async function liveSession(statement: string, key: string): Promise<Live | null> {
  const [row] = await query<RawUser & { sessionId: string; expiresAt: string }>(statement, [key]);
  return row ? { sessionId: row.sessionId, user: toAccount(row), expiresAt: new Date(row.expiresAt) } : null;
}

export function findBrowserSession(sessionId: string): Promise<Live | null> {
  return liveSession(browserStatement, sessionId);
}

export function findApiSession(token: string): Promise<Live | null> {
  return liveSession(apiStatement, hashSecret(token));
}

/** Which of these sessions (a JSON array of ids) still work: unexpired, created since their user's epoch, the user still there. */
const stillLiveStatement = `select s.id from sessions s join users u on u.id = s.user_id
  where s.id in (select value::uuid from json_array_elements_text($1::text::json)) and s.expires_at > now() and s.created_at >= u.credentials_changed_at`;

export async function liveSessionIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await query<{ id: string }>(stillLiveStatement, [JSON.stringify(ids)]);
  return new Set(rows.map((r) => r.id));
}

/** Revokes a session at once: its row goes, and its open sockets are disconnected. */
export async function revokeSession(sessionId: string): Promise<void> {
  await db().delete(sessions).where(eq(sessions.id, sessionId));
  raise('credentials.revoked', { sessionIds: [sessionId] });
}

/**
 * Deletes every session of the user but the one named, inside the caller's transaction, and
 * returns their ids: the caller raises `credentials.revoked` once it has committed.
 */
export async function deleteOtherSessions(tx: Database | Transaction, userId: string, keepSessionId?: string): Promise<string[]> {
  const deleted = await tx
    .delete(sessions)
    .where(keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  return deleted.map((r) => r.id);
}

/** The session that proved the password at a change carries on under the new epoch. */
export async function carrySessionOver(tx: Database | Transaction, sessionId: string, epoch: Date): Promise<void> {
  await tx.update(sessions).set({ createdAt: epoch }).where(eq(sessions.id, sessionId));
}
