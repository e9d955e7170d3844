// For clients written against the first contract, which learnt of renames and member or role
// changes from `conversation:updated` alone: in a small group the members still get the whole
// conversation after each such change, each with their own unread counts and draft, besides the deltas.
// A large group gets only the deltas: a whole copy per member is O(members²) bytes.
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { conversations } from '@/db/schema';
import { loadConversations, personalOf } from '@/lib/conversations/load';
import { subscribe } from '@/lib/events/bus';
import { processSingleton } from '@/lib/singletons';
import { sendConversation } from './fanout';

/** Up to this many members, a change also sends each member the whole conversation. */
export const SNAPSHOT_MAX_MEMBERS = 50;

async function sendSnapshots(conversationId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0 || userIds.length > SNAPSHOT_MAX_MEMBERS) return;
  const [row] = await db().select().from(conversations).where(eq(conversations.id, conversationId));
  if (!row) return;
  const [conversation] = await loadConversations(db(), userIds[0], [row]);
  sendConversation(conversation, await personalOf(db(), conversationId, userIds));
}

export function startSnapshotFanout(): void {
  processSingleton('snapshotFanout', () => {
    const small = (memberIds: string[]) => memberIds.length <= SNAPSHOT_MAX_MEMBERS;
    subscribe('conversation.renamed', (e) => (small(e.memberIds) ? sendSnapshots(e.conversationId, e.memberIds) : undefined));
    subscribe('member.role_changed', (e) => (small(e.memberIds) ? sendSnapshots(e.conversationId, e.memberIds) : undefined));
    subscribe('member.removed', (e) => (small(e.memberIds) ? sendSnapshots(e.conversationId, e.memberIds) : undefined));
    subscribe('members.added', (e) => {
      const fresh = new Set(e.added.map((m) => m.user.id));
      return small(e.memberIds)
        ? sendSnapshots(
            e.conversationId,
            e.memberIds.filter((id) => !fresh.has(id)),
          )
        : undefined;
    });
    return true;
  });
}
