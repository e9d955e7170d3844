// What components read: each selection keeps its identity when the state changed elsewhere, so
// React skips the render (a typing tick re-renders only the typing line).
import { describe, expect, it } from 'vitest';
import type { ChatState } from '@/lib/client/chatState';
import { applyConversation, applyRead } from '@/lib/client/conversationState';
import { addPending } from '@/lib/client/pending';
import { receiptMessageId, receiptText, shallowEqual, sortedConversationIds, typingNames, visibleConversationIds } from '@/lib/client/selectors';
import { memoSelection } from '@/lib/client/storeSelector';
import { applyNewMessage, applyUpdatedMessage } from '@/lib/client/timeline';
import { applyTyping } from '@/lib/client/typing';
import { at, conversation, ME, member, message, stateWith } from './chat-fixtures';

/** A selection over a state that the test replaces, as the store would. */
function watch<T>(initial: ChatState, selector: (s: ChatState) => T, isEqual: (a: T, b: T) => boolean = Object.is) {
  let state = initial;
  const read = memoSelection(() => state, selector, isEqual);
  return { read, set: (next: ChatState) => void (state = next) };
}

const typingTick = (s: ChatState) => applyTyping(s, { conversationId: 'c1', userId: 'u-ann', typing: true }, Date.now());

describe('selections', () => {
  it('keeps the timeline, each message and the conversation list unchanged on a typing event', () => {
    const start = stateWith([1, 2]);
    const timeline = watch(start, (s) => s.timelines.c1);
    const item = watch(start, (s) => s.messages.m1);
    const list = watch(start, sortedConversationIds, shallowEqual);
    const before = [timeline.read(), item.read(), list.read()];
    const next = typingTick(start);
    for (const w of [timeline, item, list]) w.set(next);
    expect([timeline.read(), item.read(), list.read()]).toEqual(before);
    expect(timeline.read()).toBe(before[0]);
    expect(list.read()).toBe(before[2]);
  });

  it('re-reads only the edited message on an edit', () => {
    const start = stateWith([1, 2]);
    const first = watch(start, (s) => s.messages.m1);
    const second = watch(start, (s) => s.messages.m2);
    const timeline = watch(start, (s) => s.timelines.c1);
    const [m1, m2, t] = [first.read(), second.read(), timeline.read()];
    const next = applyUpdatedMessage(start, message(2, { body: 'edited' }));
    for (const w of [first, second, timeline]) w.set(next);
    expect(first.read()).toBe(m1);
    expect(timeline.read()).toBe(t);
    expect(second.read()).not.toBe(m2);
  });

  it('hands back the same id array while the order of conversations has not changed', () => {
    const start = applyConversation(stateWith([]), conversation({ id: 'c2', title: 'Older', updatedAt: at(-5) }));
    const list = watch(start, (s) => visibleConversationIds(s, ''), shallowEqual);
    const ids = list.read();
    expect(ids).toEqual(['c1', 'c2']);
    list.set(applyRead(start, { conversationId: 'c2', userId: 'u-ann', seq: 0 }));
    expect(list.read()).toBe(ids);
    list.set(applyNewMessage(start, message(1, { conversationId: 'c2', createdAt: at(10) }), false));
    expect(list.read()).toEqual(['c2', 'c1']);
  });

  it('filters conversations by their display name', () => {
    const direct = conversation({ id: 'd1', type: 'direct', title: null, members: [member(ME), member('u-zed')] });
    const state = applyConversation(stateWith([]), direct);
    expect(visibleConversationIds(state, 'zed')).toEqual(['d1']);
  });

  it('names the people typing who are members', () => {
    const state = applyTyping(typingTick(stateWith([])), { conversationId: 'c1', userId: 'stranger', typing: true }, Date.now());
    expect(typingNames(state, 'c1')).toEqual(['Name u-ann']);
    expect(typingNames(stateWith([]), 'c1')).toBe(typingNames(stateWith([]), 'c2'));
  });

  it('puts the receipt under our newest message, and not while a send is pending', () => {
    const me = { id: ME, username: ME, displayName: 'Me', avatarUrl: null };
    let state = applyNewMessage(stateWith([1]), message(2, { sender: me }), true);
    state = applyRead(state, { conversationId: 'c1', userId: 'u-ann', seq: 2 });
    expect(receiptMessageId(state, 'c1')).toBe('m2');
    expect(receiptText(state, 'c1', 'm2')).toBe('Seen by 1');
    const pending = addPending(state, { clientId: 'x', conversationId: 'c1', body: 'hi', createdAt: at(9) });
    expect(receiptMessageId(pending, 'c1')).toBeNull();
  });
});
