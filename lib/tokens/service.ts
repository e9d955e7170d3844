// Personal access tokens: a named bearer secret for scripts and bots, shown once, stored as a hash.
import { and, eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { apiTokens, type ApiTokenRow } from '@/db/schema';
import { hashSecret, newSecret } from '@/lib/auth/secrets';
import { errors } from '@/lib/errors';
import { readCursor, timeCursor, timeKeyset, toPage } from '@/lib/pagination';
import type { Page } from '@/lib/schemas/common';
import type { CreateTokenInput } from '@/lib/schemas/tokens';
import type { Actor } from '@/lib/auth/actor';
import type { TokenInfo } from '@/lib/schemas/responses';
import { raise } from '@/lib/events/bus';

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

export async function createToken(actor: Actor, input: CreateTokenInput): Promise<TokenInfo & { token: string }> {
  const token = newSecret('personal');
  const [row] = await db()
    .insert(apiTokens)
    .values({
      userId: actor.userId,
      name: input.name,
      tokenHash: hashSecret(token),
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * day) : null,
    })
    .returning();
  return { token, ...toInfo(row) };
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
