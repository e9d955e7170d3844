// Drafts: what a member last typed in a conversation and did not send, kept on the server so it
// follows them to every device and tab. An empty body clears it; so does sending (see the send
// statement). A draft belongs to the membership and goes with it.
import { isoTime, query } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { errors, hasSqlState } from '@/lib/errors';
import { raise } from '@/lib/events/bus';

const member = `select 1 from conversation_members where conversation_id = $1::uuid and user_id = $2::uuid`;

/** Sets ($3 not empty) or clears the draft of a member; no row at all when $2 is not a member. */
const saveStatement = `with me as (${member}), saved as (
  insert into drafts (conversation_id, user_id, body, updated_at)
  select $1::uuid, $2::uuid, $3::text, now() from me where $3::text <> ''
  on conflict (user_id, conversation_id) do update set body = excluded.body, updated_at = excluded.updated_at
  returning updated_at
), cleared as (
  delete from drafts where conversation_id = $1::uuid and user_id = $2::uuid and $3::text = '' and exists (select 1 from me)
  returning 1
)
select ${isoTime('now()')} as "updatedAt", exists (select 1 from saved) or exists (select 1 from cleared) as changed from me`;

export async function saveDraft(actor: Actor, conversationId: string, body: string): Promise<void> {
  let rows: { updatedAt: string; changed: boolean }[];
  try {
    rows = await query(saveStatement, [conversationId, actor.userId, body]);
  } catch (e) {
    // The membership went between the check and the insert: as if it had gone before.
    if (hasSqlState(e, '23503')) throw errors.notFound('conversation');
    throw e;
  }
  const [row] = rows;
  if (!row) throw errors.notFound('conversation');
  // Clearing a draft there was none of tells nobody anything.
  if (row.changed) raise('draft.updated', { userId: actor.userId, conversationId, body, updatedAt: row.updatedAt });
}
