// The one read model of a message: the SQL projection every statement that returns messages
// selects (the message `m` and its sender `u`, avatar included), and the one mapper from its row
// to the Message the API and the sockets carry. Send, resend, history, edit and the conversation
// list's last message all read messages through these two.
import { isoTime } from '@/db/client';
import { attachmentsJson, toAttachment, type AttachmentJson } from '@/lib/files/service';
import type { Message } from '@/lib/schemas/responses';

/** The message's own columns and its sender's; `messageProjection` adds its attachments. */
export const messageColumns = `m.id, m.conversation_id as "conversationId", m.seq::text as seq, m.sender_id as "senderId",
  m.body, m.client_id as "clientId", ${isoTime('m.created_at')} as "createdAt", ${isoTime('m.edited_at')} as "editedAt",
  ${isoTime('m.deleted_at')} as "deletedAt", u.username, u.display_name as "displayName", u.avatar_url as "avatarUrl"`;

/** Every column of the read model; `attachments` from the table (a statement that claims them in the same breath passes its own source). */
export const messageProjection = (attachmentsFrom = 'attachments a where a.message_id = m.id') =>
  `${messageColumns}, ${attachmentsJson(attachmentsFrom)} as attachments`;

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
};

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
  };
}
