// The hot paths of messaging as hand-written statements (see `query` in db/client.ts): one round
// trip each. Kept apart so the bench can run the very same SQL in a raw loop as its baseline.
import { isoTime } from '@/db/client';
import type { Message } from '@/lib/conversations/shape';

export const messageColumns = `m.id, m.conversation_id as "conversationId", m.seq::text as seq, m.sender_id as "senderId",
  m.body, m.client_id as "clientId", ${isoTime('m.created_at')} as "createdAt", ${isoTime('m.edited_at')} as "editedAt",
  ${isoTime('m.deleted_at')} as "deletedAt", u.username, u.display_name as "displayName"`;

/** A message row as these statements return it. */
export type RawMessage = Omit<Message, 'seq' | 'sender'> & {
  seq: string;
  senderId: string | null;
  username: string | null;
  displayName: string | null;
};

/**
 * A send is one transaction of two statements, pipelined into one round trip (`transaction` in
 * db/client.ts). The first takes the conversation's row lock, which serializes senders (so seq is
 * gapless and in commit order) and membership changes (they take it too). The second starts after
 * the lock is held, so it sees current membership: it checks the sender is a member, takes the
 * next seq, inserts, marks the message read by its sender, and returns it with its sender and the
 * members to tell. A resend with a used clientId fails the insert on the unique index, and the
 * transaction rolls back with it.
 */
export const lockConversation = 'select 1 from conversations where id = $1::uuid for update';

export const sendStatement = `with next as (
  update conversations set last_seq = last_seq + 1, updated_at = now()
  where id = $1::uuid and exists (select 1 from conversation_members where conversation_id = $1::uuid and user_id = $2::uuid)
  returning last_seq
), m as (
  insert into messages (conversation_id, seq, sender_id, body, client_id)
  select $1::uuid, last_seq, $2::uuid, $3::text, $4::text from next
  returning *
), mine as (
  update conversation_members set last_read_seq = m.seq from m
  where conversation_members.conversation_id = $1::uuid and conversation_members.user_id = $2::uuid
)
select ${messageColumns},
  (select json_agg(user_id) from conversation_members where conversation_id = $1::uuid) as "memberIds"
from m left join users u on u.id = m.sender_id`;

/**
 * A page of history, newest first or oldest first: the caller's membership row drives a lateral
 * page, so no row at all means "not a member" and a row of nulls means an empty page.
 */
const historyStatement = (where: string, order: 'asc' | 'desc') => `select ${messageColumns}
from conversation_members me
left join lateral (
  select * from messages where conversation_id = me.conversation_id${where} order by seq ${order} limit $3
) m on true
left join users u on u.id = m.sender_id
where me.conversation_id = $1::uuid and me.user_id = $2::uuid
order by m.seq ${order}`;
export const history = {
  newest: historyStatement('', 'desc'),
  before: historyStatement(' and seq < $4', 'desc'),
  after: historyStatement(' and seq > $4', 'asc'),
};
