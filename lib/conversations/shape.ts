// How conversations, members and messages are shown to clients.
import type { UserRow } from '@/db/schema';
import { toPublicUser } from '@/lib/users/shape';

import type { Conversation, Member, Message } from '@/lib/schemas/responses';

export type { Conversation, Member, Message };
export type Role = Member['role'];

export type MessageRow = {
  id: string;
  conversationId: string;
  seq: number;
  senderId: string | null;
  body: string | null;
  clientId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
};

export type SenderRow = { id: string; username: string; displayName: string } | null;

export function toMessage(row: MessageRow, sender: SenderRow): Message {
  return {
    id: row.id,
    conversationId: row.conversationId,
    seq: Number(row.seq),
    sender: sender && row.senderId ? { id: sender.id, username: sender.username, displayName: sender.displayName } : null,
    body: row.deletedAt ? null : row.body,
    clientId: row.clientId,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

export function toMember(row: { role: Role; lastReadSeq: number; joinedAt: Date }, user: UserRow, online: boolean): Member {
  return { user: toPublicUser(user, online), role: row.role, lastReadSeq: Number(row.lastReadSeq), joinedAt: row.joinedAt.toISOString() };
}
