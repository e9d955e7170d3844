// Member deltas: the server says who joined, who left and whose role changed, never the whole
// member list again, so a large group's change costs one small event.
import 'client-only';
import type { Member } from '@/lib/schemas/responses';
import type { ChatState } from './chatState';
import { later, patchConversation } from './conversationState';

export function applyMembersAdded(state: ChatState, added: { conversationId: string; members: Member[]; updatedAt: string }): ChatState {
  return patchConversation(state, added.conversationId, (c) => {
    const incoming = new Map(added.members.map((m) => [m.user.id, m]));
    // Someone already listed (an event that raced a REST reply) is replaced, not listed twice.
    const kept = c.members.filter((m) => !incoming.has(m.user.id));
    return { ...c, members: [...kept, ...incoming.values()], updatedAt: later(c.updatedAt, added.updatedAt) };
  });
}

/** Someone left, was removed, or (in a direct conversation) deleted their account. */
export function applyMemberRemoved(state: ChatState, removed: { conversationId: string; userId: string; updatedAt: string }): ChatState {
  return patchConversation(state, removed.conversationId, (c) => ({
    ...c,
    members: c.members.filter((m) => m.user.id !== removed.userId),
    updatedAt: later(c.updatedAt, removed.updatedAt),
  }));
}

/** A role changed, also when ownership passed to an heir after the owner left. */
export function applyMemberUpdated(state: ChatState, updated: { conversationId: string; userId: string; role: Member['role']; updatedAt: string }): ChatState {
  return patchConversation(state, updated.conversationId, (c) => ({
    ...c,
    members: c.members.map((m) => (m.user.id === updated.userId ? { ...m, role: updated.role } : m)),
    updatedAt: later(c.updatedAt, updated.updatedAt),
  }));
}
