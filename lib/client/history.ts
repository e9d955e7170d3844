// Loading over REST into the state: the conversation list, one conversation, and a timeline's
// pages (the newest page, older pages above it, and whatever came after the newest we hold).
import 'client-only';
import type { Page } from '@/lib/schemas/common';
import type { Conversation, Message } from '@/lib/schemas/responses';
import { api } from './api';
import { firstSeqOf, lastSeqOf, patchTimeline, type StateCell } from './chatState';
import { applyConversation, applyRemoved } from './conversationState';
import { mergeStored, replaceWindow } from './timeline';

export const PAGE = 50;

type History = { items: Message[]; hasMore: boolean };
type Around = { items: Message[]; hasMoreBefore: boolean; hasMoreAfter: boolean };

const historyOf = (conversationId: string, query: string) => api<History>(`/api/conversations/${conversationId}/messages?${query}`);

/** The whole list (up to 1000); a conversation we no longer get back is one we left. */
export async function loadConversations(cell: StateCell, activeId: string | null): Promise<Conversation[]> {
  const all: Conversation[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<Conversation> = await api(`/api/conversations?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor && all.length < 1000);
  const known = new Set(all.map((c) => c.id));
  let next = cell.get();
  for (const id of Object.keys(next.conversations)) if (!known.has(id)) next = applyRemoved(next, id, activeId);
  for (const c of all) next = applyConversation(next, c);
  cell.set({ ...next, conversationsLoaded: true });
  return all;
}

export async function refreshConversation(cell: StateCell, id: string): Promise<void> {
  try {
    const { conversation } = await api<{ conversation: Conversation }>(`/api/conversations/${id}`);
    cell.set(applyConversation(cell.get(), conversation));
  } catch {
    // gone or offline: the next catch-up settles it
  }
}

/** Everything after the newest stored message we hold, page by page, so nothing is skipped. */
export async function fetchAfter(cell: StateCell, conversationId: string): Promise<void> {
  for (;;) {
    const page = await historyOf(conversationId, `after=${lastSeqOf(cell.get(), conversationId)}&limit=100`);
    cell.set(mergeStored(cell.get(), conversationId, page.items));
    if (!page.hasMore) return;
  }
}

/** The newest page, when a conversation is first opened; a failure shows on the timeline. */
export async function fetchLatest(cell: StateCell, conversationId: string): Promise<boolean> {
  try {
    const page = await historyOf(conversationId, `limit=${PAGE}`);
    const merged = mergeStored(cell.get(), conversationId, page.items);
    cell.set(patchTimeline(merged, conversationId, { hasMoreBefore: page.hasMore, loaded: true, error: undefined }));
    return true;
  } catch (e) {
    cell.set(patchTimeline(cell.get(), conversationId, { error: (e as Error).message }));
    return false;
  }
}

/** One page above the oldest message held, while the reader scrolls up. */
export async function fetchOlder(cell: StateCell, conversationId: string): Promise<void> {
  const timeline = cell.get().timelines[conversationId];
  if (!timeline?.loaded || !timeline.hasMoreBefore || timeline.loadingOlder) return;
  cell.set(patchTimeline(cell.get(), conversationId, { loadingOlder: true }));
  try {
    const before = firstSeqOf(cell.get(), conversationId) || 1;
    const page = await historyOf(conversationId, `before=${before}&limit=${PAGE}`);
    cell.set(patchTimeline(mergeStored(cell.get(), conversationId, page.items), conversationId, { hasMoreBefore: page.hasMore, loadingOlder: false }));
  } catch {
    cell.set(patchTimeline(cell.get(), conversationId, { loadingOlder: false }));
  }
}

/**
 * History around `seq`, for jumping to a message that is not loaded: when the window reaches what
 * the timeline holds it joins it, else it takes the timeline's place (see Timeline.hasMoreAfter).
 */
export async function fetchAround(cell: StateCell, conversationId: string, seq: number): Promise<void> {
  const page = await api<Around>(`/api/conversations/${conversationId}/messages?around=${seq}&limit=${PAGE}`);
  const state = cell.get();
  const timeline = state.timelines[conversationId];
  const [first, last] = [firstSeqOf(state, conversationId), lastSeqOf(state, conversationId)];
  const [from, to] = [page.items[0]?.seq ?? 0, page.items.at(-1)?.seq ?? 0];
  // Joins what is held only when the two touch or overlap: a gap is never papered over.
  const touches = Boolean(timeline?.loaded) && first > 0 && to + 1 >= first && from <= last + 1;
  if (!touches) return cell.set(replaceWindow(state, conversationId, page.items, { hasMoreBefore: page.hasMoreBefore, hasMoreAfter: page.hasMoreAfter }));
  const more = {
    hasMoreBefore: from < first ? page.hasMoreBefore : timeline!.hasMoreBefore,
    hasMoreAfter: to > last ? page.hasMoreAfter : timeline!.hasMoreAfter,
  };
  cell.set(patchTimeline(mergeStored(state, conversationId, page.items), conversationId, more));
}

/** One page below the newest message held, while the reader scrolls down a window of history. */
export async function fetchNewer(cell: StateCell, conversationId: string): Promise<void> {
  const timeline = cell.get().timelines[conversationId];
  if (!timeline?.loaded || !timeline.hasMoreAfter || timeline.loadingNewer) return;
  cell.set(patchTimeline(cell.get(), conversationId, { loadingNewer: true }));
  try {
    const page = await historyOf(conversationId, `after=${lastSeqOf(cell.get(), conversationId)}&limit=${PAGE}`);
    cell.set(patchTimeline(mergeStored(cell.get(), conversationId, page.items), conversationId, { hasMoreAfter: page.hasMore, loadingNewer: false }));
  } catch {
    cell.set(patchTimeline(cell.get(), conversationId, { loadingNewer: false }));
  }
}
