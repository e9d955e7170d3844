// The socket fan-out: the subscriber that turns domain events into Socket.IO events for the
// people they concern, synchronously and in the order they were raised. Changes travel as deltas;
// a whole conversation goes only to people who do not have it yet (its creation, being added).
import { subscribe } from '@/lib/events/bus';
import type { Personal } from '@/lib/conversations/load';
import type { Conversation } from '@/lib/schemas/responses';
import { processSingleton } from '@/lib/singletons';
import { disconnectRooms, emitToUsers, rooms } from './publisher';

/** The conversation to each person, with their own unread counts and draft: one payload per distinct set. */
export function sendConversation(conversation: Conversation, personal: Record<string, Personal>): void {
  const alike = new Map<string, { personal: Personal; ids: string[] }>();
  for (const [userId, p] of Object.entries(personal)) {
    const key = JSON.stringify(p);
    const group = alike.get(key) ?? { personal: p, ids: [] };
    group.ids.push(userId);
    alike.set(key, group);
  }
  for (const { personal: p, ids } of alike.values()) emitToUsers(ids, 'conversation:updated', { ...conversation, ...p });
}

/** Subscribes the fan-out once per process (server.ts's attachRealtime calls it). */
export function startSocketFanout(): void {
  processSingleton('socketFanout', () => {
    subscribe('message.created', ({ message, memberIds }) => emitToUsers(memberIds, 'message:new', message));
    subscribe('message.edited', ({ message, memberIds }) => emitToUsers(memberIds, 'message:updated', message));
    subscribe('message.reactions', ({ conversationId, messageId, reactions, memberIds }) =>
      emitToUsers(memberIds, 'message:reactions', { conversationId, messageId, reactions }),
    );
    subscribe('draft.updated', ({ userId, conversationId, body, updatedAt }) => emitToUsers([userId], 'draft:updated', { conversationId, body, updatedAt }));
    subscribe('message.deleted', ({ id, conversationId, seq, memberIds }) => emitToUsers(memberIds, 'message:deleted', { id, conversationId, seq }));
    subscribe('conversation.created', ({ conversation, memberIds }) => emitToUsers(memberIds, 'conversation:updated', conversation));
    subscribe('conversation.renamed', ({ conversationId, title, updatedAt, memberIds }) =>
      emitToUsers(memberIds, 'conversation:changed', { conversationId, title, updatedAt }),
    );
    subscribe('members.added', ({ conversationId, added, conversation, personal, memberIds, updatedAt }) => {
      const fresh = new Set(added.map((m) => m.user.id));
      const before = memberIds.filter((id) => !fresh.has(id));
      emitToUsers(before, 'member:added', { conversationId, members: added, updatedAt });
      sendConversation(conversation, personal);
    });
    subscribe('member.removed', ({ conversationId, userId, heirId, memberIds, updatedAt }) => {
      emitToUsers([userId], 'conversation:removed', { conversationId });
      emitToUsers(memberIds, 'member:removed', { conversationId, userId, updatedAt });
      if (heirId) emitToUsers(memberIds, 'member:updated', { conversationId, userId: heirId, role: 'owner', updatedAt });
    });
    subscribe('member.role_changed', ({ conversationId, userId, role, memberIds, updatedAt }) =>
      emitToUsers(memberIds, 'member:updated', { conversationId, userId, role, updatedAt }),
    );
    subscribe('conversation.read', ({ conversationId, userId, seq, memberIds }) => emitToUsers(memberIds, 'read', { conversationId, userId, seq }));
    subscribe('typing.changed', ({ conversationId, userId, typing, memberIds }) => {
      const others = memberIds.filter((id) => id !== userId);
      emitToUsers(others, 'typing', { conversationId, userId, typing });
    });
    subscribe('presence.changed', ({ userId, online, lastSeenAt, contactIds }) => emitToUsers(contactIds, 'presence', { userId, online, lastSeenAt }));
    subscribe('conversation.personal', ({ userId, conversation }) => emitToUsers([userId], 'conversation:updated', conversation));
    subscribe('notification.created', ({ userIds, notification }) => emitToUsers(userIds, 'notification', notification));
    subscribe('user.updated', ({ user, contactIds }) => emitToUsers([user.id, ...contactIds], 'user:updated', user));
    subscribe('credentials.revoked', ({ sessionIds = [], tokenIds = [], userIds = [] }) =>
      disconnectRooms([...sessionIds.map(rooms.session), ...tokenIds.map(rooms.token), ...userIds.map(rooms.user)]),
    );
    return true;
  });
}
