// The one read model of a message: the SQL projection every statement that returns messages
// selects (the message `m` and its sender `u`, avatar included), and the one mapper from its row
// to the Message the API and the sockets carry. Send, resend, history, edit and the conversation
// list's last message all read messages through these two.
import { isoTime } from '@/db/client';
import { attachmentsJson, toAttachment, type AttachmentJson } from '@/lib/files/service';
import type { Message, Reaction } from '@/lib/schemas/responses';

/** The message's own columns and its sender's; `messageProjection` adds its attachments. */
export const messageColumns = `m.id, m.conversation_id as "conversationId", m.seq::text as seq, m.sender_id as "senderId",
  m.body, m.client_id as "clientId", ${isoTime('m.created_at')} as "createdAt", ${isoTime('m.edited_at')} as "editedAt",
  ${isoTime('m.deleted_at')} as "deletedAt", u.username, u.display_name as "displayName", u.avatar_url as "avatarUrl"`;

/** Its reactions, one entry per emoji in the order of first use, each with who reacted in order. */
const reactionsJson = `(select coalesce(json_agg(json_build_object('emoji', r.emoji, 'count', r.n, 'userIds', r.users) order by r.first, r.emoji), '[]')
  from (select emoji, count(*)::int as n, json_agg(user_id order by created_at, user_id) as users, min(created_at) as first
        from message_reactions where message_id = m.id group by emoji) r)`;

/** The message it answers, as it is now: its first 200 characters (code points), nothing once deleted. */
const replyToJson = `(select json_build_object('id', q.id, 'seq', q.seq, 'senderId', q.sender_id, 'username', qu.username,
    'displayName', qu.display_name, 'body', case when q.deleted_at is null then left(q.body, 200) end, 'deletedAt', ${isoTime('q.deleted_at')})
  from messages q left join users qu on qu.id = q.sender_id where q.id = m.reply_to_id)`;

/** Every column of the read model; `attachments` from the table (a statement that claims them in the same breath passes its own source). */
export const messageProjection = (attachmentsFrom = 'attachments a where a.message_id = m.id') =>
  `${messageColumns}, ${attachmentsJson(attachmentsFrom)} as attachments, ${reactionsJson} as reactions, ${replyToJson} as "replyTo", to_json(m.mentions) as mentions`;

type ReplyToJson = {
  id: string;
  seq: number | string;
  senderId: string | null;
  username: string | null;
  displayName: string | null;
  body: string | null;
  deletedAt: string | null;
};

/** A row of `messageProjection`; a left join with no message gives a row of nulls. */
export type MessageRow = {
  id: string;
  conversationId: string;
  seq: string;
  senderId: string | null;
  body: string | null;
  clientId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  username: string | null;
  displayName: string | null;
  avatarUrl: string | null;
  /** Null only in a row of nulls (a left join with no message). */
  attachments: AttachmentJson[] | null;
  reactions: Reaction[] | null;
  replyTo: ReplyToJson | null;
  mentions: string[] | null;
};

export function toReplyTo(q: ReplyToJson): NonNullable<Message['replyTo']> {
  return {
    id: q.id,
    seq: Number(q.seq),
    sender: q.senderId && q.username !== null ? { id: q.senderId, username: q.username, displayName: q.displayName! } : null,
    body: q.body,
    deletedAt: q.deletedAt,
  };
}

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    conversationId: r.conversationId,
    seq: Number(r.seq),
    sender: r.senderId && r.username !== null ? { id: r.senderId, username: r.username, displayName: r.displayName!, avatarUrl: r.avatarUrl } : null,
    body: r.deletedAt ? null : r.body,
    clientId: r.clientId,
    createdAt: r.createdAt,
    editedAt: r.editedAt,
    deletedAt: r.deletedAt,
    attachments: r.deletedAt ? [] : (r.attachments ?? []).map(toAttachment),
    reactions: r.deletedAt ? [] : (r.reactions ?? []),
    replyTo: r.replyTo ? toReplyTo(r.replyTo) : null,
    mentions: r.deletedAt ? [] : (r.mentions ?? []),
  };
}
