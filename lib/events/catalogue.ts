// The domain events: what the services say happened, once the change is committed. Each names
// the people it concerns, so a subscriber needs no query to know whom to tell; none carries a
// whole member list as payload (see lib/realtime/fanout.ts for what each becomes on the wire).
import type { ServerPayload } from '@/lib/schemas/events';
import type { Conversation, Member, Message, PublicUser, Reaction } from '@/lib/schemas/responses';

export type DomainEvents = {
  /** A message was stored; `message.mentions` are the members its body mentions, resolved as it was stored. */
  'message.created': { message: Message; memberIds: string[] };
  'message.edited': { message: Message; memberIds: string[] };
  /** Someone reacted to a message, or took a reaction back. */
  'message.reactions': { conversationId: string; messageId: string; reactions: Reaction[]; memberIds: string[] };
  /** A person's draft in a conversation changed (an empty body: cleared, also by their send). */
  'draft.updated': { userId: string; conversationId: string; body: string; updatedAt: string };
  'message.deleted': { id: string; conversationId: string; seq: number; memberIds: string[] };
  /** A conversation was created: `conversation` as every member sees it (nothing unread yet). */
  'conversation.created': { conversation: Conversation; memberIds: string[] };
  'conversation.renamed': { conversationId: string; title: string | null; updatedAt: string; memberIds: string[] };
  /**
   * People joined a group: `added` are the new members, `memberIds` everyone now in it;
   * `conversation` is the group as the new members see it, with `unread` their unread counts.
   */
  'members.added': {
    conversationId: string;
    added: Member[];
    conversation: Conversation;
    /** Each new member's own unread counts and draft. */
    personal: Record<string, Pick<Conversation, 'unreadCount' | 'unreadMentions' | 'draft' | 'notify'>>;
    memberIds: string[];
    updatedAt: string;
  };
  /** Someone left or was removed; `heirId` took over when the owner left; `memberIds` are those still in it (none: the group is gone). */
  'member.removed': { conversationId: string; userId: string; heirId: string | null; memberIds: string[]; updatedAt: string };
  'member.role_changed': { conversationId: string; userId: string; role: Member['role']; memberIds: string[]; updatedAt: string };
  'conversation.read': { conversationId: string; userId: string; seq: number; memberIds: string[] };
  'typing.changed': { conversationId: string; userId: string; typing: boolean; memberIds: string[] };
  /** Went online or offline; `contactIds` share a conversation with them. */
  'presence.changed': { userId: string; online: boolean; lastSeenAt: string | null; contactIds: string[] };
  /** A profile or avatar changed; `contactIds` share a conversation with them. */
  'user.updated': { user: PublicUser; contactIds: string[] };
  /** A person's own view of a conversation changed (their notification level): `conversation` as they see it. */
  'conversation.personal': { userId: string; conversation: Conversation };
  /** These people are to hear of a message (lib/notifications/service.ts decided it). */
  'notification.created': { userIds: string[]; notification: ServerPayload<'notification'> };
  /** Credentials that stop working now: their open sockets must go, on every process. */
  'credentials.revoked': { sessionIds?: string[]; tokenIds?: string[]; userIds?: string[] };
};

export type DomainEventName = keyof DomainEvents;
