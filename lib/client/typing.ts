// Who is typing where. An indicator lives 6 s unless refreshed (senders repeat it every 3 s), so a
// tab that closed mid-sentence does not leave it on forever.
import 'client-only';
import type { ChatState } from './chatState';

export const TYPING_TTL_MS = 6000;

export function applyTyping(state: ChatState, event: { conversationId: string; userId: string; typing: boolean }, now: number): ChatState {
  const current = { ...(state.typing[event.conversationId] ?? {}) };
  if (event.typing) current[event.userId] = now + TYPING_TTL_MS;
  else if (!(event.userId in current)) return state;
  else delete current[event.userId];
  return { ...state, typing: { ...state.typing, [event.conversationId]: current } };
}

/** Drops expired indicators; conversations with nothing expired keep their identity. */
export function expireTyping(state: ChatState, now: number): ChatState {
  let typing: ChatState['typing'] | null = null;
  for (const [conversationId, people] of Object.entries(state.typing)) {
    if (Object.values(people).every((until) => until > now)) continue;
    typing ??= { ...state.typing };
    typing[conversationId] = Object.fromEntries(Object.entries(people).filter(([, until]) => until > now));
  }
  return typing ? { ...state, typing } : state;
}
