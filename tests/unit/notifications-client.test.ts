// The page's notification decisions: when a `notification` event becomes a browser notification,
// what it says, and which unread messages the tab's title counts.
import { describe, expect, it } from 'vitest';
import { unreadTotal } from '@/lib/client/chatState';
import { applyConversation } from '@/lib/client/conversationState';
import { notificationOptions, shouldShowNotification, titleWithCount, type Attention } from '@/lib/client/notifications';
import { conversation, stateWith } from './chat-fixtures';

const away: Attention = { permission: 'granted', switchedOff: false, hidden: true, focused: false, activeId: 'c1' };
const looking: Attention = { ...away, hidden: false, focused: true };

describe('whether a notification is shown', () => {
  it('shows one while the tab is hidden, even on the open conversation', () => {
    expect(shouldShowNotification(away, 'c1', 'all')).toBe(true);
  });

  it('shows none while the tab is visible and focused, whichever conversation it is about', () => {
    expect(shouldShowNotification(looking, 'c1', 'all')).toBe(false);
    expect(shouldShowNotification(looking, 'c2', 'all')).toBe(false);
  });

  it('shows one in a visible but unfocused tab only for a conversation other than the one in view', () => {
    const unfocused = { ...looking, focused: false };
    expect(shouldShowNotification(unfocused, 'c1', 'all')).toBe(false);
    expect(shouldShowNotification(unfocused, 'c2', 'mentions')).toBe(true);
    expect(shouldShowNotification({ ...unfocused, activeId: null }, 'c1', 'all')).toBe(true);
  });

  it('shows none without permission, or when switched off in this browser', () => {
    for (const permission of ['default', 'denied', 'unsupported'] as const) expect(shouldShowNotification({ ...away, permission }, 'c1', 'all')).toBe(false);
    expect(shouldShowNotification({ ...away, switchedOff: true }, 'c1', 'all')).toBe(false);
  });

  it('shows none for a muted conversation', () => {
    expect(shouldShowNotification(away, 'c1', 'none')).toBe(false);
  });
});

describe('what a notification says', () => {
  const notice = { conversationId: 'c1', messageId: 'm1', seq: 4, title: 'Team', body: 'hello', mention: false, count: 1, icon: null };

  it('is tagged by conversation, so a later one replaces the earlier, and opens that conversation', () => {
    expect(notificationOptions(notice)).toMatchObject({ body: 'hello', tag: 'c1', data: { url: '/chat/c1' }, icon: '/icons/icon-192.png' });
  });

  it('counts a burst instead of quoting its last message, and shows the sender’s avatar when there is one', () => {
    expect(notificationOptions({ ...notice, count: 3, icon: '/api/users/u1/avatar' })).toMatchObject({ body: '3 new messages', icon: '/api/users/u1/avatar' });
  });
});

describe('the unread count in the title', () => {
  it('adds up the unread messages of conversations that are not muted', () => {
    let state = stateWith(null, { unreadCount: 2, notify: 'all' });
    state = applyConversation(state, conversation({ id: 'c2', unreadCount: 5, notify: 'none' }));
    state = applyConversation(state, conversation({ id: 'c3', unreadCount: 1, notify: 'mentions' }));
    expect(unreadTotal(state)).toBe(3);
  });

  it('puts the count before the page’s own title and takes it away at 0', () => {
    expect(titleWithCount('Chats · Relay', 3)).toBe('(3) Chats · Relay');
    expect(titleWithCount('(3) Chats · Relay', 4)).toBe('(4) Chats · Relay');
    expect(titleWithCount('(4) Chats · Relay', 0)).toBe('Chats · Relay');
    expect(titleWithCount('(99+) Relay', 120)).toBe('(99+) Relay');
  });
});
