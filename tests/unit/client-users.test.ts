// A profile change heard live: the person's new name and avatar everywhere the state shows them.
import { describe, expect, it } from 'vitest';
import { addPending } from '@/lib/client/pending';
import { applyUserUpdated } from '@/lib/client/users';
import type { PublicUser } from '@/lib/schemas/responses';
import { at, conversation, ME, member, message, stateWith } from './chat-fixtures';

const ann = (over: Partial<PublicUser> = {}): PublicUser => ({
  ...member('u-ann').user,
  displayName: 'Ann New',
  avatarUrl: '/api/users/u-ann/avatar?v=2',
  ...over,
});

describe('user:updated', () => {
  it('changes the member in every conversation, the senders of held messages and the list preview', () => {
    let state = stateWith([1, 2]);
    state = { ...state, conversations: { ...state.conversations, c1: { ...state.conversations.c1, lastMessage: message(2), lastSeq: 2 } } };
    const next = applyUserUpdated(state, ann());
    expect(next.conversations.c1.members.find((m) => m.user.id === 'u-ann')?.user).toMatchObject({
      displayName: 'Ann New',
      avatarUrl: '/api/users/u-ann/avatar?v=2',
    });
    expect(next.messages.m1.sender).toEqual({ id: 'u-ann', username: 'u-ann', displayName: 'Ann New', avatarUrl: '/api/users/u-ann/avatar?v=2' });
    expect(next.conversations.c1.lastMessage?.sender?.avatarUrl).toBe('/api/users/u-ann/avatar?v=2');
    expect(next.me).toBeNull();
  });

  it('keeps presence from its own event, which may be newer', () => {
    const state = stateWith([1]);
    const online = {
      ...state,
      conversations: {
        c1: {
          ...state.conversations.c1,
          members: state.conversations.c1.members.map((m) => (m.user.id === 'u-ann' ? { ...m, user: { ...m.user, online: true } } : m)),
        },
      },
    };
    expect(applyUserUpdated(online, ann({ online: false })).conversations.c1.members.find((m) => m.user.id === 'u-ann')?.user.online).toBe(true);
  });

  it('is Me in the shell when it is about the viewer, and our pending sends follow', () => {
    const pending = addPending(stateWith([1]), { clientId: 'k1', conversationId: 'c1', body: 'hi', createdAt: at(9) });
    const me = { ...member(ME).user, displayName: 'Me Renamed', avatarUrl: '/api/users/u-me/avatar?v=1' };
    const next = applyUserUpdated(pending, me);
    expect(next.me).toEqual(me);
    expect(next.messages['local:k1'].sender?.displayName).toBe('Me Renamed');
  });

  it('changes nothing (same state) for someone the viewer does not know', () => {
    const state = stateWith([1], conversation());
    expect(applyUserUpdated(state, { ...member('u-zed').user })).toBe(state);
  });
});
