// How conversations, members and messages are shown to clients.
import type { UserRow } from '@/db/schema';
import { toPublicUser, type PublicUser } from '@/lib/users/shape';

export type Role = 'owner' | 'admin' | 'member';

export type Message = {
  id: string;
  conversationId: string;
  seq: number;
  sender: { id: string; username: string; displayName: string } | null;
  body: string | null;
  clientId: string | null;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
};

export type Member = { user: PublicUser; role: Role; lastReadSeq: number; joinedAt: string };

export type Conversation = {
  id: string;
  type: 'direct' | 'group';
  title: string | null;
  members: Member[];
  lastSeq: number;
  lastMessage: Message | null;
  unreadCount: number;
  createdAt: string;
  updatedAt: string;
};

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

export function toMember(row: { role: Role; lastReadSeq: number; joinedAt: Date }, user: UserRow): Member {
  return { user: toPublicUser(user), role: row.role, lastReadSeq: Number(row.lastReadSeq), joinedAt: row.joinedAt.toISOString() };
}
