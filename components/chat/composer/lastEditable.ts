// What Up arrow in an empty composer edits: your newest message in the conversation that is
// stored (not still sending) and not deleted, the one an Edit button would be on.
import type { ChatState } from '@/lib/client/chatState';
import { canEditMessage } from '@/lib/policy';

export function lastEditableMessage(state: ChatState, conversationId: string): { id: string; body: string } | null {
  const ids = state.timelines[conversationId]?.ids ?? [];
  for (let i = ids.length - 1; i >= 0; i--) {
    const m = state.messages[ids[i]];
    if (!m || m.status !== 'sent') continue;
    if (canEditMessage(state.meId, { senderId: m.sender?.id ?? null, deleted: Boolean(m.deletedAt) })) return { id: m.id, body: m.body ?? '' };
  }
  return null;
}
