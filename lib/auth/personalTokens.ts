// Finding the personal access token a request presents (the other half, creating and revoking
// them, is lib/tokens/service.ts). Apart from it so that the actor check needs nothing of tokens'
// management, and the two do not import each other.
import { isoTime, query } from '@/db/client';
import { toAccount, userColumns, type Account, type RawUser } from '@/lib/users/rows';
import { hashSecret } from './secrets';

/** lastUsedAt is written at most this often per token. */
const touchEverySeconds = 60;

/**
 * The token and its user in one round trip; lastUsedAt is written at most once a minute. A token
 * created before its user's credential epoch (the last password change) does not count.
 */
const findStatement = `with t as (
  select id, user_id, created_at, expires_at from api_tokens where token_hash = $1::text and (expires_at is null or expires_at > now())
), touched as (
  update api_tokens set last_used_at = now() from t
  where api_tokens.id = t.id
    and (api_tokens.last_used_at is null or api_tokens.last_used_at < now() - interval '${touchEverySeconds} seconds')
)
select t.id as "tokenId", ${isoTime('t.expires_at')} as "expiresAt", ${userColumns}
from t join users u on u.id = t.user_id and t.created_at >= u.credentials_changed_at`;

export async function findPersonalToken(secret: string): Promise<{ tokenId: string; user: Account; expiresAt: Date | null } | null> {
  const [row] = await query<RawUser & { tokenId: string; expiresAt: string | null }>(findStatement, [hashSecret(secret)]);
  return row ? { tokenId: row.tokenId, user: toAccount(row), expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt) } : null;
}

/** Which of these tokens (a JSON array of ids) still work: unexpired, created since their user's epoch, the user still there. */
const stillLiveStatement = `select t.id from api_tokens t join users u on u.id = t.user_id
  where t.id in (select value::uuid from json_array_elements_text($1::text::json)) and (t.expires_at is null or t.expires_at > now())
    and t.created_at >= u.credentials_changed_at`;

export async function liveTokenIds(ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await query<{ id: string }>(stillLiveStatement, [JSON.stringify(ids)]);
  return new Set(rows.map((r) => r.id));
}
