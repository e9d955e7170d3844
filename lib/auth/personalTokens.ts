// Finding the personal access token a request presents (the other half, creating and revoking
// them, is lib/tokens/service.ts). Apart from it so that the actor check needs nothing of tokens'
// management, and the two do not import each other.
import { query } from '@/db/client';
import { toAccount, userColumns, type Account, type RawUser } from '@/lib/users/rows';
import { hashSecret } from './secrets';

/** lastUsedAt is written at most this often per token. */
const touchEverySeconds = 60;

/** The token and its user in one round trip; lastUsedAt is written at most once a minute. */
const findStatement = `with t as (
  select id, user_id from api_tokens where token_hash = $1::text and (expires_at is null or expires_at > now())
), touched as (
  update api_tokens set last_used_at = now() from t
  where api_tokens.id = t.id
    and (api_tokens.last_used_at is null or api_tokens.last_used_at < now() - interval '${touchEverySeconds} seconds')
)
select t.id as "tokenId", ${userColumns} from t join users u on u.id = t.user_id`;

export async function findPersonalToken(secret: string): Promise<{ tokenId: string; user: Account } | null> {
  const [row] = await query<RawUser & { tokenId: string }>(findStatement, [hashSecret(secret)]);
  return row ? { tokenId: row.tokenId, user: toAccount(row) } : null;
}
