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

/**
 * The members a body mentions, as a uuid[]: `usernames` a JSON array of lower-case names, `all`
 * whether it says @all (which in a group means every other member). Not a member: nothing. Driven
 * from the names (the lower(username) index, then the membership key), so a body that mentions no
 * one costs nothing however large the group; the @all branch runs only when the body says it.
 */
const mentionsOf = (conversationId: string, senderId: string, usernames: string, all: string, type: string) => `(
  select coalesce(array_agg(distinct named.id order by named.id), '{}'::uuid[]) from (
    select cm.user_id as id from json_array_elements_text(${usernames}::text::json) n
    join users u on lower(u.username) = n.value
    join conversation_members cm on cm.conversation_id = ${conversationId} and cm.user_id = u.id
    union all
    select cm.user_id from conversation_members cm
    where ${all}::boolean and ${type} = 'group' and cm.conversation_id = ${conversationId} and cm.user_id <> ${senderId}
  ) named)`;

export const sendStatement = `with next as (
  update conversations set last_seq = last_seq + 1, updated_at = now()
  where id = $1::uuid and exists (select 1 from conversation_members where conversation_id = $1::uuid and user_id = $2::uuid)
  returning last_seq, type
), reply as (
  select id from messages where id = $8::uuid and conversation_id = $1::uuid
), m as (
  insert into messages (conversation_id, seq, sender_id, body, client_id, reply_to_id, mentions)
  select $1::uuid, last_seq, $2::uuid, $3::text, $4::text, (select id from reply), ${mentionsOf('$1::uuid', '$2::uuid', '$6', '$7', 'next.type')} from next
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
), cleared as (
  delete from drafts where conversation_id = $1::uuid and user_id = $2::uuid and exists (select 1 from m)
  returning 1
)
select ${messageProjection('claimed a')}, ${memberIdsOf('$1::uuid')},
  relay_expect_attachments((select count(*) from wanted)::int, (select count(*) from claimed)) as "attachmentsClaimed",
  relay_expect_reply($8::uuid, m.reply_to_id) as "replyFound",
  relay_expect_peer((select type from next), case when (select type from next) = 'direct'
    then (select count(*) from conversation_members where conversation_id = $1::uuid) end) as "peerPresent",
  exists (select 1 from cleared) as "draftCleared"
from m left join users u on u.id = m.sender_id`;

/** The SQLSTATE \`relay_expect_attachments\` raises: an attachment was not the sender's own unattached upload. */
export const ATTACHMENTS_NOT_CLAIMABLE = 'RL001';
/** The SQLSTATE \`relay_expect_reply\` raises: the message replied to is not in this conversation. */
export const REPLY_NOT_FOUND = 'RL002';
/** The SQLSTATE \`relay_expect_peer\` raises: a direct conversation whose other person deleted their account. */
export const PEER_GONE = 'RL003';

/** The original of a resend: the sender's message with that clientId. */
export const byClientIdStatement = `select ${projection}
from messages m left join users u on u.id = m.sender_id
where m.sender_id = $1::uuid and m.client_id = $2::text`;

/** An edit by its sender of a message not deleted (an edit racing a delete changes nothing). */
export const editStatement = `with m as (
  update messages set body = $3::text, edited_at = now(),
    mentions = ${mentionsOf('messages.conversation_id', '$2::uuid', '$4', '$5', '(select type from conversations where id = messages.conversation_id)')}
  where id = $1::uuid and sender_id = $2::uuid and deleted_at is null
  returning *
)
select ${projection}, ${memberIdsOf('m.conversation_id')}
from m left join users u on u.id = m.sender_id`;

/**
 * Deletes a message's body, keeping its seq, and lets go of its attachments (the file sweep
 * removes them) and its reactions; no row when it was already deleted.
 */
export const deleteStatement = `with d as (
  update messages set body = null, mentions = '{}', deleted_at = now()
  where id = $1::uuid and deleted_at is null
  returning id, seq, conversation_id
), detached as (
  update attachments set message_id = null where message_id in (select id from d)
), unreacted as (
  delete from message_reactions where message_id in (select id from d)
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
  /** Up to $3 messages before $4 and up to $3 from $4 on, each marked by `side`; the service picks the window (and asks one more a side, to know whether there is more). */
  around: `select ${projection}, m.side
from conversation_members me
left join lateral (
  (select *, 'before' as side from messages where conversation_id = me.conversation_id and seq < $4 order by seq desc limit $3)
  union all
  (select *, 'after' as side from messages where conversation_id = me.conversation_id and seq >= $4 order by seq asc limit $3)
) m on true
left join users u on u.id = m.sender_id
where me.conversation_id = $1::uuid and me.user_id = $2::uuid`,
};

/** The message, for a member only, locked so its reactions change one at a time (the limit holds). */
export const lockMessageForMember = `select 1 from messages m
join conversation_members cm on cm.conversation_id = m.conversation_id and cm.user_id = $2::uuid
where m.id = $1::uuid for no key update of m`;

/** Adds a member's reaction unless the message is deleted, or it would be one emoji too many ($4 the limit). */
export const addReactionStatement = `insert into message_reactions (message_id, emoji, user_id)
select m.id, $3::text, $2::uuid from messages m
join conversation_members cm on cm.conversation_id = m.conversation_id and cm.user_id = $2::uuid
where m.id = $1::uuid and m.deleted_at is null
  and (exists (select 1 from message_reactions where message_id = $1::uuid and emoji = $3::text)
    or (select count(distinct emoji) from message_reactions where message_id = $1::uuid) < $4::int)
on conflict do nothing`;

export const removeReactionStatement = `delete from message_reactions where message_id = $1::uuid and emoji = $3::text and user_id = $2::uuid
returning 1 as removed`;

/**
 * The message after a reaction changed, for a member only: whether the caller now has that
 * reaction, and whether this transaction made it (its row is as new as the transaction).
 */
export const afterReactionStatement = `select ${projection}, ${memberIdsOf('m.conversation_id')},
  r.user_id is not null as "hasReaction", coalesce(r.created_at = now(), false) as "addedNow"
from messages m
join conversation_members cm on cm.conversation_id = m.conversation_id and cm.user_id = $2::uuid
left join users u on u.id = m.sender_id
left join message_reactions r on r.message_id = m.id and r.emoji = $3::text and r.user_id = $2::uuid
where m.id = $1::uuid`;
