// A person's profile changed (`user:updated`, or our own avatar or profile reply): every place the
// state shows them follows, so a new avatar or name appears without a reload.
import 'client-only';
import type { PublicUser } from '@/lib/schemas/responses';
import type { ChatMessage, ChatState } from './chatState';

type Sender = NonNullable<ChatMessage['sender']>;

const senderOf = (user: PublicUser): Sender => ({ id: user.id, username: user.username, displayName: user.displayName, avatarUrl: user.avatarUrl });

function sameSender(a: Sender, b: Sender) {
  return a.username === b.username && a.displayName === b.displayName && a.avatarUrl === b.avatarUrl;
}

/** Members of every conversation, the senders of the messages held (pending ones too), and Me in the shell. */
export function applyUserUpdated(state: ChatState, user: PublicUser): ChatState {
  const sender = senderOf(user);
  let conversations: ChatState['conversations'] | null = null;
  for (const [id, c] of Object.entries(state.conversations)) {
    const isMember = c.members.some((m) => m.user.id === user.id);
    const lastBy = c.lastMessage?.sender?.id === user.id && !sameSender(c.lastMessage.sender, sender);
    if (!isMember && !lastBy) continue;
    conversations ??= { ...state.conversations };
    conversations[id] = {
      ...c,
      // Presence has its own event, which may be newer than this profile's copy of it.
      members: c.members.map((m) => (m.user.id === user.id ? { ...m, user: { ...user, online: m.user.online, lastSeenAt: m.user.lastSeenAt } } : m)),
      lastMessage: lastBy ? { ...c.lastMessage!, sender } : c.lastMessage,
    };
  }
  let messages: ChatState['messages'] | null = null;
  for (const [id, m] of Object.entries(state.messages)) {
    if (m.sender?.id !== user.id || sameSender(m.sender, sender)) continue;
    messages ??= { ...state.messages };
    messages[id] = { ...m, sender };
  }
  const me = user.id === state.meId ? user : state.me;
  if (!conversations && !messages && me === state.me) return state;
  return { ...state, conversations: conversations ?? state.conversations, messages: messages ?? state.messages, me };
}
