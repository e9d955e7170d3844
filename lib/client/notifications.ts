// What the page decides about notifications, as pure functions: whether a `notification` event
// becomes a browser notification, what it says, and the unread count in the tab's title.
import 'client-only';
import type { ServerPayload } from '@/lib/schemas/events';
import type { Conversation } from '@/lib/schemas/responses';

export type NotifyLevel = Conversation['notify'];

/** The socket's `notification` event. */
export type NotificationNotice = ServerPayload<'notification'>;

export type Attention = {
  /** Notification.permission, or 'unsupported' where the browser has none. */
  permission: NotificationPermission | 'unsupported';
  /** The person switched desktop notifications off in Settings for this browser. */
  switchedOff: boolean;
  hidden: boolean;
  focused: boolean;
  /** The conversation open in this tab, if any. */
  activeId: string | null;
};

/**
 * A notification is shown when it would otherwise go unseen: the tab is hidden, or it is not
 * focused and shows another conversation. A focused tab shows the message itself (and its badge).
 */
export function shouldShowNotification(attention: Attention, conversationId: string, level: NotifyLevel | undefined): boolean {
  if (attention.permission !== 'granted' || attention.switchedOff) return false;
  // The server sends nothing for a muted conversation; a level changed in another tab a moment ago still counts here.
  if (level === 'none') return false;
  if (attention.hidden) return true;
  return !attention.focused && attention.activeId !== conversationId;
}

/** The text of the notification: the body, or "3 new messages" for a burst. */
export function notificationBody(notice: Pick<NotificationNotice, 'body' | 'count'>): string {
  return notice.count > 1 ? `${notice.count} new messages` : notice.body;
}

/** The options every notification of a conversation shares: the tag makes a later one replace the earlier. */
export function notificationOptions(notice: NotificationNotice): NotificationOptions & { tag: string; data: { url: string } } {
  return {
    body: notificationBody(notice),
    icon: notice.icon ?? '/icons/icon-192.png',
    badge: '/icons/badge-72.png',
    tag: notice.conversationId,
    data: { url: `/chat/${notice.conversationId}` },
  };
}

/** Unread messages that count towards the title and the Chats badge: muted conversations keep their own badge only. */
export function notifyingUnread(conversations: Iterable<Pick<Conversation, 'unreadCount' | 'notify'>>): number {
  let total = 0;
  for (const c of conversations) if (c.notify !== 'none') total += c.unreadCount;
  return total;
}

/** "(3) Chats · Relay": the page's own title with the count in front, or without one at 0. */
export function titleWithCount(title: string, count: number): string {
  const base = title.replace(/^\(\d+\+?\) /, '');
  return count > 0 ? `(${count > 99 ? '99+' : count}) ${base}` : base;
}

/** POST /api/notifications/test's answer. */
export type TestResult = { subscriptions: number; delivered: number };

/** What the test's answer means, in words. */
export function describeTest({ subscriptions, delivered }: TestResult): string {
  if (subscriptions === 0) return 'No browser of yours is subscribed to push, so nothing was sent. An open Relay tab still shows notifications.';
  const browsers = subscriptions === 1 ? 'your subscribed browser' : `your ${subscriptions} subscribed browsers`;
  if (delivered === subscriptions) return `Sent to ${subscriptions === 1 ? browsers : `all of ${browsers}`}. It should appear in a moment.`;
  if (delivered === 0) return `Could not be delivered to ${browsers}: their push services did not accept it.`;
  return `Delivered to ${delivered} of ${browsers}; the others’ push services did not accept it.`;
}
