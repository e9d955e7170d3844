// Personal access tokens: a named bearer secret for scripts and bots, shown once, stored as a hash.
import { and, eq } from 'drizzle-orm';
import { db, isoTime, query, type Database, type Transaction } from '@/db/client';
import { apiTokens, type ApiTokenRow } from '@/db/schema';
import { refusePersonalToken } from '@/lib/auth/actor';
import { hashSecret, newSecret } from '@/lib/auth/secrets';
import { errors } from '@/lib/errors';
import { readCursor, timeCursor, timeKeyset, toPage } from '@/lib/pagination';
import type { Page } from '@/lib/schemas/common';
import type { CreateTokenInput } from '@/lib/schemas/tokens';
import type { Actor } from '@/lib/auth/actor';
import type { TokenInfo } from '@/lib/schemas/responses';
import { raise } from '@/lib/events/bus';
import { confirmPassword } from '@/lib/users/confirmPassword';

const day = 24 * 60 * 60 * 1000;

function toInfo(row: ApiTokenRow): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
  };
}

/** Written only while the credential epoch is the one the password was just checked against (see lib/auth/sessions.ts). */
const createStatement = `insert into api_tokens (user_id, name, token_hash, expires_at)
  select u.id, $2::text, $3::text, $4::timestamptz from users u
  where u.id = $1::uuid and u.credentials_changed_at = $5::timestamptz
  for share
  returning id, name, ${isoTime('created_at')} as "createdAt", ${isoTime('last_used_at')} as "lastUsedAt", ${isoTime('expires_at')} as "expiresAt"`;

/** Needs the password again, and a session: a leaked token must not mint more, least of all ones that never expire. */
export async function createToken(actor: Actor, input: CreateTokenInput): Promise<TokenInfo & { token: string }> {
  refusePersonalToken(actor, 'create tokens');
  const checked = await confirmPassword(actor, input.password, 'password');
  const token = newSecret('personal');
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * day).toISOString() : null;
  const [row] = await query<TokenInfo>(createStatement, [actor.userId, input.name, hashSecret(token), expiresAt, checked.credentialsChangedAt.toISOString()]);
  // The password changed since it was checked: this session no longer counts either.
  if (!row) throw errors.unauthenticated();
  return { token, ...row };
}

const newestFirst = timeKeyset('desc', apiTokens.createdAt, apiTokens.id);

/** The caller's tokens, newest first. */
export async function listTokens(actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<TokenInfo>> {
  const rows = await db()
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, actor.userId), newestFirst.after(readCursor(timeCursor, page.cursor))))
    .orderBy(...newestFirst.orderBy)
    .limit(page.limit + 1);
  return toPage(rows, page.limit, (last) => [last.createdAt.toISOString(), last.id], toInfo);
}

export async function revokeToken(actor: Actor, tokenId: string): Promise<void> {
  const deleted = await db()
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw errors.notFound('token');
  raise('credentials.revoked', { tokenIds: [tokenId] });
}

/**
 * Deletes every token of the user inside the caller's transaction (a password change) and returns
 * their ids: the caller raises `credentials.revoked` once it has committed.
 */
export async function deleteAllTokens(tx: Database | Transaction, userId: string): Promise<string[]> {
  const deleted = await tx.delete(apiTokens).where(eq(apiTokens.userId, userId)).returning({ id: apiTokens.id });
  return deleted.map((r) => r.id);
}
