// The chat client's rich-message state: reactions applied live, unread mentions counted and
// cleared, windows of older history in place of the timeline, and drafts that ignore their own
// echoes so they never undo newer typing.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatState, StateCell } from '@/lib/client/chatState';
import { applyDraft, applyRead } from '@/lib/client/conversationState';
import { addPending } from '@/lib/client/pending';
import { applyDeletedMessage, applyNewMessage, applyReactions, applyUpdatedMessage, continuesTimeline, quoteOf, replaceWindow } from '@/lib/client/timeline';
import { at, ME, message, order, stateWith } from './chat-fixtures';

const emitted: { event: string; payload: { conversationId: string; body: string } }[] = [];
/** While set, acknowledgements wait until released (a save still on its way). */
const held: { on: boolean; release: (() => void)[] } = { on: false, release: [] };

// The socket, as the draft sync sees it: every draft:set is acknowledged, at once or when released.
vi.mock('@/lib/client/socket', () => ({
  request: async (event: string, payload: { conversationId: string; body: string }) => {
    emitted.push({ event, payload });
    if (held.on) await new Promise<void>((resolve) => held.release.push(resolve));
    return { ok: true };
  },
}));

const { DraftSync, DRAFT_SAVE_MS } = await import('@/lib/client/drafts');

function cellOf(initial: ChatState): StateCell {
  let state = initial;
  return { get: () => state, set: (next) => void (state = next) };
}

describe('reactions and mentions in the state', () => {
  it('replaces a message’s reactions in the timeline and in the list preview', () => {
    const state = applyReactions(stateWith([1, 2]), { conversationId: 'c1', messageId: 'm2', reactions: [{ emoji: '👍', count: 1, userIds: ['u-ann'] }] });
    expect(state.messages.m2.reactions).toEqual([{ emoji: '👍', count: 1, userIds: ['u-ann'] }]);
    expect(state.messages.m1.reactions).toEqual([]);
    const listed = applyReactions(applyNewMessage(stateWith([1]), message(2), false), { conversationId: 'c1', messageId: 'm2', reactions: [] });
    expect(listed.conversations.c1.lastMessage?.reactions).toEqual([]);
    expect(applyReactions(stateWith([1]), { conversationId: 'c1', messageId: 'unknown', reactions: [] })).toEqual(stateWith([1]));
  });

  it('counts a message that mentions the reader, unless they sent it or are looking, and clears on read', () => {
    let state = applyNewMessage(stateWith([1]), message(2, { mentions: [ME] }), false);
    state = applyNewMessage(state, message(3, { mentions: ['u-bob'] }), false);
    expect(state.conversations.c1).toMatchObject({ unreadCount: 2, unreadMentions: 1 });
    const viewing = applyNewMessage(state, message(4, { mentions: [ME] }), true);
    expect(viewing.conversations.c1.unreadMentions).toBe(1);
    const own = applyNewMessage(state, message(4, { mentions: [ME], sender: { id: ME, username: ME, displayName: 'Me', avatarUrl: null } }), false);
    expect(own.conversations.c1.unreadMentions).toBe(1);
    expect(applyRead(state, { conversationId: 'c1', userId: ME, seq: 3 }).conversations.c1).toMatchObject({ unreadCount: 0, unreadMentions: 0 });
    expect(applyRead(state, { conversationId: 'c1', userId: 'u-ann', seq: 3 }).conversations.c1.unreadMentions).toBe(1);
  });

  it('quotes at most 200 code points of the message answered', () => {
    const quote = quoteOf(message(7, { body: '🙂'.repeat(250) }));
    expect([...quote.body!]).toHaveLength(200);
    expect(quote).toMatchObject({ id: 'm7', seq: 7, sender: { id: 'u-ann', username: 'u-ann', displayName: 'Name u-ann' }, deletedAt: null });
  });
});

describe('a window of older history', () => {
  it('takes the timeline’s place, keeps pending sends last, and holds live messages back', () => {
    let state = stateWith([200, 201, 202]);
    state = addPending(state, { clientId: 'k1', conversationId: 'c1', body: 'typing', createdAt: at(300) });
    state = replaceWindow(
      state,
      'c1',
      [4, 5, 6].map((s) => message(s)),
      { hasMoreBefore: true, hasMoreAfter: true },
    );
    expect(order(state)).toEqual([4, 5, 6, 'sending:typing']);
    expect(state.messages.m200).toBeUndefined();
    expect(state.timelines.c1).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true, loaded: true });
    // A live message belongs after the newest message, which this window does not reach.
    expect(continuesTimeline(state, message(7))).toBe(false);
    const live = applyNewMessage(state, message(203), false);
    expect(order(live)).toEqual([4, 5, 6, 'sending:typing']);
    expect(live.conversations.c1.lastSeq).toBe(203);
  });
});

describe('drafts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    emitted.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('are kept at once and saved a second after the last change, once', async () => {
    const cell = cellOf(stateWith([1]));
    const drafts = new DraftSync(cell);
    drafts.save('c1', 'h');
    drafts.save('c1', 'he');
    drafts.save('c1', 'hello');
    expect(cell.get().conversations.c1.draft?.body).toBe('hello');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS - 1);
    expect(emitted).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(emitted).toEqual([{ event: 'draft:set', payload: { conversationId: 'c1', body: 'hello' } }]);
  });

  it('ignore their own echo, take another device’s change, and let typing here win over it', async () => {
    const cell = cellOf(stateWith([1]));
    const drafts = new DraftSync(cell);
    const heard: string[] = [];
    drafts.onRemote((_, body) => heard.push(body));
    drafts.save('c1', 'mine');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS);
    drafts.save('c1', 'mine, longer'); // typed on before the echo came back
    drafts.heard({ conversationId: 'c1', body: 'mine', updatedAt: at(1) });
    expect(cell.get().conversations.c1.draft?.body).toBe('mine, longer');
    expect(heard).toEqual([]);
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS);
    drafts.heard({ conversationId: 'c1', body: 'mine, longer', updatedAt: at(2) });
    drafts.heard({ conversationId: 'c1', body: 'from my phone', updatedAt: at(3) });
    expect(heard).toEqual(['from my phone']);
    expect(cell.get().conversations.c1.draft).toEqual({ body: 'from my phone', updatedAt: at(3) });
  });

  it('go with a send, here at once, and its echo changes nothing', async () => {
    const cell = cellOf(stateWith([1]));
    const drafts = new DraftSync(cell);
    const heard: string[] = [];
    drafts.onRemote((_, body) => heard.push(body));
    drafts.save('c1', 'about to send');
    drafts.sent('c1');
    expect(cell.get().conversations.c1.draft).toBeNull();
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS * 2);
    expect(emitted).toEqual([]); // the send cleared it on the server; no save goes after it
    drafts.heard({ conversationId: 'c1', body: '', updatedAt: at(4) });
    expect(heard).toEqual([]);
    // A clear from another tab's send is heard.
    cell.set(applyDraft(cell.get(), { conversationId: 'c1', body: 'x', updatedAt: at(5) }));
    drafts.heard({ conversationId: 'c1', body: '', updatedAt: at(6) });
    expect(heard).toEqual(['']);
    expect(cell.get().conversations.c1.draft).toBeNull();
  });
});

describe('edits and deletions seen through the replies that quote them', () => {
  it('show the quoted message as it is now', () => {
    let state = stateWith([1]);
    state = applyNewMessage(state, message(2, { replyTo: quoteOf(message(1)) }), true);
    const edited = applyUpdatedMessage(state, message(1, { body: 'second thoughts', editedAt: at(9) }));
    expect(edited.messages.m2.replyTo).toMatchObject({ id: 'm1', body: 'second thoughts', deletedAt: null });
    const deleted = applyDeletedMessage(state, { id: 'm1', conversationId: 'c1' });
    expect(deleted.messages.m2.replyTo).toMatchObject({ id: 'm1', body: null, deletedAt: expect.any(String) });
  });
});

describe('drafts, more', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    emitted.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('save once when the same text is given again while its save is due', async () => {
    const cell = cellOf(stateWith([1]));
    const drafts = new DraftSync(cell);
    drafts.save('c1', 'same');
    drafts.save('c1', 'same');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS);
    expect(emitted.map((e) => e.payload.body)).toEqual(['same']);
    drafts.save('c1', 'same');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS);
    expect(emitted).toHaveLength(1);
  });

  it('know their echo when the server composed the text (NFC) and made its line ends LF', async () => {
    const cell = cellOf(stateWith([1]));
    const drafts = new DraftSync(cell);
    const heard: string[] = [];
    drafts.onRemote((_, body) => heard.push(body));
    drafts.save('c1', 'cafe\u0301\r\nnext');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS);
    drafts.heard({ conversationId: 'c1', body: 'caf\u00e9\nnext', updatedAt: at(1) });
    expect(heard).toEqual([]);
  });

  it('clear again after a save that was still on its way when the message went', async () => {
    const cell = cellOf(stateWith([1]));
    const drafts = new DraftSync(cell);
    held.on = true;
    drafts.save('c1', 'about to go');
    await vi.advanceTimersByTimeAsync(DRAFT_SAVE_MS); // the save is sent, not yet acknowledged…
    drafts.sent('c1'); // …when the message goes
    expect(emitted.map((e) => e.payload.body)).toEqual(['about to go']);
    held.on = false;
    held.release.splice(0).forEach((release) => release());
    await vi.advanceTimersByTimeAsync(0);
    expect(emitted.map((e) => e.payload.body)).toEqual(['about to go', '']);
  });
});
