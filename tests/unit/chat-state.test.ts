// The chat client's pure reducers: what a live event, a page of history or a send does to the state.
import { describe, expect, it } from 'vitest';
import { lastSeqOf, localId } from '@/lib/client/chatState';
import { applyConversation, applyConversationChanged, applyPresence, applyRead, applyRemoved } from '@/lib/client/conversationState';
import { applyMemberRemoved, applyMembersAdded, applyMemberUpdated } from '@/lib/client/members';
import { addPending, discardPending, setSendStatus, stillSending } from '@/lib/client/pending';
import { applyDeletedMessage, applyNewMessage, applyUpdatedMessage, mergeStored } from '@/lib/client/timeline';
import { applyTyping, expireTyping } from '@/lib/client/typing';
import { at, conversation, ME, member, message, order, stateWith } from './chat-fixtures';

const mine = (seq: number, clientId: string) => message(seq, { clientId, sender: { id: ME, username: ME, displayName: 'Me', avatarUrl: null } });
const send = (clientId: string, body = clientId) => ({ clientId, conversationId: 'c1', body, createdAt: at(50) });

describe('messages in a timeline', () => {
  it('appends a new message that continues a loaded timeline, and counts it unread', () => {
    const next = applyNewMessage(stateWith([1, 2]), message(3), false);
    expect(order(next)).toEqual([1, 2, 3]);
    expect(next.conversations.c1).toMatchObject({ lastSeq: 3, unreadCount: 1, lastMessage: { id: 'm3' }, updatedAt: at(3) });
  });

  it('does not count a message as unread while the reader is viewing it', () => {
    expect(applyNewMessage(stateWith([1]), message(2), true).conversations.c1.unreadCount).toBe(0);
  });

  it('keeps one copy of a message that arrives twice, and orders late arrivals by seq', () => {
    let state = applyNewMessage(stateWith([1, 2, 3]), message(2, { body: 'again' }), false);
    state = mergeStored(state, 'c1', [message(5), message(4)]);
    expect(order(state)).toEqual([1, 2, 3, 4, 5]);
    expect(state.messages.m2.body).toBe('again');
  });

  it('keeps a message past a gap out of the timeline, for the fetch that fills it', () => {
    const next = applyNewMessage(stateWith([1, 2]), message(5), false);
    expect(order(next)).toEqual([1, 2]);
    expect(next.messages.m5).toBeUndefined();
    expect(next.conversations.c1.lastSeq).toBe(5);
    expect(lastSeqOf(next, 'c1')).toBe(2);
  });

  it('leaves an unopened timeline alone but still updates the list', () => {
    const next = applyNewMessage(stateWith(null), message(1), false);
    expect(next.timelines.c1).toBeUndefined();
    expect(next.conversations.c1).toMatchObject({ lastSeq: 1, unreadCount: 1 });
  });

  it('shows an edit in place, in the timeline and in the list preview', () => {
    let state = applyNewMessage(stateWith([1]), message(2), false);
    state = applyUpdatedMessage(state, message(2, { body: 'fixed', editedAt: at(9) }));
    expect(state.messages.m2).toMatchObject({ body: 'fixed', editedAt: at(9), status: 'sent' });
    expect(state.conversations.c1.lastMessage?.body).toBe('fixed');
  });

  it('turns a deleted message into a tombstone that keeps its place', () => {
    const state = applyDeletedMessage(stateWith([1, 2, 3]), { id: 'm2', conversationId: 'c1' });
    expect(order(state)).toEqual([1, 2, 3]);
    expect(state.messages.m2.body).toBeNull();
    expect(state.messages.m2.deletedAt).not.toBeNull();
  });
});

describe('pending sends', () => {
  it('shows a send at once, after the stored messages, as sending', () => {
    const state = addPending(applyNewMessage(stateWith([1]), message(2), false), send('a', 'hello'));
    expect(order(state)).toEqual([1, 2, 'sending:hello']);
    expect(state.messages[localId('a')].sender?.displayName).toBe('Name u-me');
  });

  it('replaces a pending send with the stored message once acknowledged, without a duplicate', () => {
    let state = addPending(addPending(stateWith([1]), send('a')), send('b'));
    state = applyNewMessage(state, mine(2, 'a'), true);
    expect(order(state)).toEqual([1, 2, 'sending:b']);
    expect(state.messages[localId('a')]).toBeUndefined();
    // The same message again (the echo to this tab) changes nothing visible.
    expect(order(applyNewMessage(state, mine(2, 'a'), true))).toEqual([1, 2, 'sending:b']);
  });

  it('keeps pending sends last when a page of history arrives', () => {
    const state = mergeStored(addPending(stateWith([3]), send('a')), 'c1', [message(1), message(2)]);
    expect(order(state)).toEqual([1, 2, 3, 'sending:a']);
  });

  it('marks a send failed with its reason, back to sending on retry, and forgets it on discard', () => {
    let state = setSendStatus(addPending(stateWith([]), send('a')), 'a', 'failed', 'Not sent');
    expect(state.messages[localId('a')]).toMatchObject({ status: 'failed', error: 'Not sent' });
    expect(stillSending(state)).toHaveLength(0);
    state = setSendStatus(state, 'a', 'sending');
    expect(stillSending(state).map((m) => m.clientId)).toEqual(['a']);
    state = discardPending(state, 'a');
    expect(order(state)).toEqual([]);
  });

  it('does not bring back a send that was acknowledged before its timeout fired', () => {
    const acked = applyNewMessage(addPending(stateWith([]), send('a')), mine(1, 'a'), true);
    expect(setSendStatus(acked, 'a', 'failed', 'Not sent')).toBe(acked);
  });
});

describe('conversation deltas', () => {
  it('renames a group from conversation:changed', () => {
    const state = applyConversationChanged(stateWith([]), { conversationId: 'c1', title: 'Renamed', updatedAt: at(5) });
    expect(state.conversations.c1).toMatchObject({ title: 'Renamed', updatedAt: at(5) });
  });

  it('adds members from member:added, replacing anyone already listed', () => {
    const state = applyMembersAdded(stateWith([]), { conversationId: 'c1', members: [member('u-cat'), member('u-ann', 'admin')], updatedAt: at(5) });
    expect(state.conversations.c1.members.map((m) => [m.user.id, m.role])).toEqual([
      [ME, 'owner'],
      ['u-bob', 'member'],
      ['u-cat', 'member'],
      ['u-ann', 'admin'],
    ]);
  });

  it('drops a member from member:removed', () => {
    const state = applyMemberRemoved(stateWith([]), { conversationId: 'c1', userId: 'u-bob', updatedAt: at(5) });
    expect(state.conversations.c1.members.map((m) => m.user.id)).toEqual([ME, 'u-ann']);
  });

  it('changes a role from member:updated', () => {
    const state = applyMemberUpdated(stateWith([]), { conversationId: 'c1', userId: 'u-ann', role: 'owner', updatedAt: at(5) });
    expect(state.conversations.c1.members.find((m) => m.user.id === 'u-ann')?.role).toBe('owner');
  });

  it('ignores a delta about a conversation it does not hold', () => {
    const state = stateWith([]);
    expect(applyMemberRemoved(state, { conversationId: 'other', userId: 'u-bob', updatedAt: at(5) })).toBe(state);
  });

  it('keeps the newer last message when a whole conversation arrives older than a live message', () => {
    const live = applyNewMessage(stateWith([1]), message(2), false);
    const state = applyConversation(live, conversation({ lastSeq: 1, title: 'From REST' }));
    expect(state.conversations.c1).toMatchObject({ title: 'From REST', lastSeq: 2, lastMessage: { id: 'm2' } });
  });
});

describe('reading, removal, presence and typing', () => {
  it('moves a read marker forward only, and clears our unread count when we read to the end', () => {
    let state = applyNewMessage(applyNewMessage(stateWith([]), message(1), false), message(2), false);
    expect(state.conversations.c1.unreadCount).toBe(2);
    state = applyRead(state, { conversationId: 'c1', userId: 'u-bob', seq: 2 });
    state = applyRead(state, { conversationId: 'c1', userId: 'u-bob', seq: 1 });
    expect(state.conversations.c1.members.find((m) => m.user.id === 'u-bob')?.lastReadSeq).toBe(2);
    expect(state.conversations.c1.unreadCount).toBe(2);
    expect(applyRead(state, { conversationId: 'c1', userId: ME, seq: 2 }).conversations.c1.unreadCount).toBe(0);
  });

  it('forgets a conversation we were removed from, with a notice when it was open', () => {
    const state = applyRemoved(stateWith([1, 2]), 'c1', 'c1');
    expect(state.conversations.c1).toBeUndefined();
    expect(state.timelines.c1).toBeUndefined();
    expect(state.messages.m1).toBeUndefined();
    expect(state.removedNotice).toBe('You are no longer in “Team”.');
    expect(applyRemoved(stateWith([1]), 'c1', null).removedNotice).toBeNull();
  });

  it('shows presence in every conversation with that person and leaves the others untouched', () => {
    let state = applyConversation(stateWith([]), conversation({ id: 'c2', members: [member(ME)] }));
    const untouched = state.conversations.c2;
    state = applyPresence(state, { userId: 'u-ann', online: true, lastSeenAt: null });
    expect(state.conversations.c1.members.find((m) => m.user.id === 'u-ann')?.user.online).toBe(true);
    expect(state.conversations.c2).toBe(untouched);
  });

  it('expires a typing indicator after 6 s unless it is refreshed', () => {
    let state = applyTyping(stateWith([]), { conversationId: 'c1', userId: 'u-ann', typing: true }, 0);
    expect(expireTyping(state, 5999)).toBe(state);
    state = applyTyping(state, { conversationId: 'c1', userId: 'u-ann', typing: true }, 3000);
    expect(expireTyping(state, 7000).typing.c1).toHaveProperty('u-ann');
    expect(expireTyping(state, 9001).typing.c1).toEqual({});
  });

  it('clears a typing indicator when the person stops', () => {
    const typing = applyTyping(stateWith([]), { conversationId: 'c1', userId: 'u-ann', typing: true }, 0);
    expect(applyTyping(typing, { conversationId: 'c1', userId: 'u-ann', typing: false }, 1).typing.c1).toEqual({});
  });
});
