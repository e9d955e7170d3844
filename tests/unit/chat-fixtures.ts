// Builders for the chat client's unit tests: a conversation, its members and messages, and a
// state holding them, with only the fields a test cares about given.
import { emptyTimeline, initialState, type ChatState } from '@/lib/client/chatState';
import { applyConversation } from '@/lib/client/conversationState';
import { mergeStored } from '@/lib/client/timeline';
import type { Conversation, Member, Message } from '@/lib/schemas/responses';

export const ME = 'u-me';
export const T0 = Date.parse('2030-01-02T10:00:00.000Z');
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

export function member(id: string, role: Member['role'] = 'member', lastReadSeq = 0): Member {
  return {
    user: { id, username: id, displayName: `Name ${id}`, bio: '', avatarUrl: null, createdAt: at(0), online: false, lastSeenAt: null },
    role,
    lastReadSeq,
    joinedAt: at(0),
  };
}

export function conversation(over: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    type: 'group',
    title: 'Team',
    members: [member(ME, 'owner'), member('u-ann'), member('u-bob')],
    lastSeq: 0,
    lastMessage: null,
    unreadCount: 0,
    unreadMentions: 0,
    notify: 'all',
    draft: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...over,
  };
}

export function message(seq: number, over: Partial<Message> = {}): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    sender: { id: 'u-ann', username: 'u-ann', displayName: 'Name u-ann', avatarUrl: 'https://example.com/ann.png' },
    body: `message ${seq}`,
    clientId: null,
    createdAt: at(seq),
    editedAt: null,
    deletedAt: null,
    attachments: [],
    reactions: [],
    replyTo: null,
    mentions: [],
    ...over,
  };
}

/** A state with conversation c1 and, when given, its loaded timeline holding `seqs`. */
export function stateWith(seqs: number[] | null, over: Partial<Conversation> = {}): ChatState {
  const lastSeq = seqs?.length ? Math.max(...seqs) : 0;
  let state = applyConversation(initialState(ME), conversation({ lastSeq, ...over }));
  if (seqs) {
    state = mergeStored(
      state,
      'c1',
      seqs.map((s) => message(s)),
    );
    state = {
      ...state,
      timelines: { ...state.timelines, c1: { ...emptyTimeline, ids: state.timelines.c1?.ids ?? [], loaded: true } },
    };
  }
  return state;
}

/** The timeline of c1 as seqs, pending sends as their body, so a test reads the order at a glance. */
export function order(state: ChatState, conversationId = 'c1'): (number | string)[] {
  return (state.timelines[conversationId]?.ids ?? []).map((id) => {
    const m = state.messages[id];
    return m.status === 'sent' ? m.seq : `${m.status}:${m.body}`;
  });
}
