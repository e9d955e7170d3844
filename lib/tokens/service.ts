// Personal access tokens: a named bearer secret for scripts and bots, shown once, stored as a hash.
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { db, query } from '@/db/client';
import { apiTokens, type ApiTokenRow, type UserRow } from '@/db/schema';
import { hashSecret, newSecret } from '@/lib/auth/secrets';
import { errors } from '@/lib/errors';
import { decodeCursor, encodeCursor, type Page } from '@/lib/schemas/common';
import type { CreateTokenInput } from '@/lib/schemas/tokens';
import type { Actor } from '@/lib/auth/actor';
import type { TokenInfo } from '@/lib/schemas/responses';
import { disconnectRooms, rooms } from '@/lib/realtime/publisher';
import { toUserRow, userColumns, type RawUser } from '@/lib/users/rows';

const day = 24 * 60 * 60 * 1000;
const touchEverySeconds = 60;


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

/** The caller's tokens, newest first. */
export async function listTokens(actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<TokenInfo>> {
  const after = page.cursor ? decodeCursor(page.cursor) : null;
  if (page.cursor && (!after || typeof after[0] !== 'string' || typeof after[1] !== 'string')) {
    throw errors.badCursor();
  }
  const at = after ? new Date(after[0] as string) : null;
  const rows = await db()
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, actor.userId),
        at ? or(lt(apiTokens.createdAt, at), and(eq(apiTokens.createdAt, at), lt(apiTokens.id, after![1] as string))) : undefined,
      ),
    )
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(page.limit + 1);
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return {
    items: items.map(toInfo),
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}

export async function revokeToken(actor: Actor, tokenId: string): Promise<void> {
  const deleted = await db()
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, actor.userId)))
    .returning({ id: apiTokens.id });
  if (deleted.length === 0) throw errors.notFound('token');
  disconnectRooms([rooms.token(tokenId)]);
}

/** The token and its user in one round trip; lastUsedAt is written at most once a minute. */
const findStatement = `with t as (
  select id, user_id from api_tokens where token_hash = $1::text and (expires_at is null or expires_at > now())
), touched as (
  update api_tokens set last_used_at = now() from t
  where api_tokens.id = t.id
    and (api_tokens.last_used_at is null or api_tokens.last_used_at < now() - interval '${touchEverySeconds} seconds')
)
select t.id as "tokenId", ${userColumns} from t join users u on u.id = t.user_id`;

export async function findPersonalToken(secret: string): Promise<{ tokenId: string; user: UserRow } | null> {
  const [row] = await query<RawUser & { tokenId: string }>(findStatement, [hashSecret(secret)]);
  return row ? { tokenId: row.tokenId, user: toUserRow(row) } : null;
}
