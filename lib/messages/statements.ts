// The statements that read and write messages, hand-written so each is one round trip (see
// `query` and `transaction` in db/client.ts), all returning the read model's projection. Kept
// apart so the bench can run the very same SQL in a raw loop as its baseline.
import { messageProjection } from './readModel';

const projection = messageProjection();

/** The ids of a conversation's members, as a JSON array, for the statements that tell them. */
const memberIdsOf = (conversationId: string) =>
  `(select coalesce(json_agg(user_id), '[]') from conversation_members where conversation_id = ${conversationId}) as "memberIds"`;

/**
 * A send is one transaction of two statements, pipelined into one round trip. The first takes
 * the conversation's row lock, which serializes senders (so seq is gapless and in commit order)
 * and membership changes (they take it too). The second starts after the lock is held, so it sees
 * current membership: it checks the sender is a member, takes the next seq, inserts, marks the
 * message read by its sender, and returns it with the members to tell. It claims the
 * attachments named, which must all be the sender's own unattached uploads, or the statement
 * fails (and the transaction with it). A resend with a used clientId fails the insert on the
 * unique index, and the transaction rolls back with it.
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
), wanted as (
  select value::uuid as id, ordinality - 1 as position from json_array_elements_text($5::text::json) with ordinality
), claimed as (
  update attachments a set message_id = m.id, attached_at = now(), position = w.position
  from m, wanted w
  where a.id = w.id and a.uploader_id = $2::uuid and a.attached_at is null
  returning a.*
), mine as (
  update conversation_members set last_read_seq = m.seq from m
  where conversation_members.conversation_id = $1::uuid and conversation_members.user_id = $2::uuid
)
select ${messageProjection('claimed a')}, ${memberIdsOf('$1::uuid')},
  relay_expect_attachments((select count(*) from wanted)::int, (select count(*) from claimed)) as "attachmentsClaimed"
from m left join users u on u.id = m.sender_id`;

/** The SQLSTATE \`relay_expect_attachments\` raises: an attachment was not the sender's own unattached upload. */
export const ATTACHMENTS_NOT_CLAIMABLE = 'RL001';

/** The original of a resend: the sender's message with that clientId. */
export const byClientIdStatement = `select ${projection}
from messages m left join users u on u.id = m.sender_id
where m.sender_id = $1::uuid and m.client_id = $2::text`;

/** An edit by its sender of a message not deleted (an edit racing a delete changes nothing). */
export const editStatement = `with m as (
  update messages set body = $3::text, edited_at = now()
  where id = $1::uuid and sender_id = $2::uuid and deleted_at is null
  returning *
)
select ${projection}, ${memberIdsOf('m.conversation_id')}
from m left join users u on u.id = m.sender_id`;

/**
 * Deletes a message's body, keeping its seq, and lets go of its attachments (the file sweep
 * removes them); no row when it was already deleted.
 */
export const deleteStatement = `with d as (
  update messages set body = null, deleted_at = now()
  where id = $1::uuid and deleted_at is null
  returning id, seq, conversation_id
), detached as (
  update attachments set message_id = null where message_id in (select id from d)
)
select d.seq::text as seq, ${memberIdsOf('d.conversation_id')} from d`;

/** The last message of each conversation named in a JSON array of ids. */
export const lastMessagesStatement = `select ${projection}
from conversations c
join messages m on m.conversation_id = c.id and m.seq = c.last_seq
left join users u on u.id = m.sender_id
where c.id in (select value::uuid from json_array_elements_text($1::text::json))`;

/**
 * A page of history, newest first or oldest first: the caller's membership row drives a lateral
 * page, so no row at all means "not a member" and a row of nulls means an empty page.
 */
const historyStatement = (where: string, order: 'asc' | 'desc') => `select ${projection}
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
