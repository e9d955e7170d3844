// What a notification says, built once per message: the `notification` socket event and the
// Web Push payloads (which the service worker shows) come from here.
import type { ServerPayload } from '@/lib/schemas/events';
import type { Message } from '@/lib/schemas/responses';

export type Notification = ServerPayload<'notification'>;

/** What the service worker receives. */
export type PushPayload =
  ({ type: 'message'; url: string } & Notification) | { type: 'read'; conversationId: string } | { type: 'test'; title: string; body: string; url: string };

export const PREVIEW_LENGTH = 200;

/** At most `n` code points (a cut never splits a surrogate pair). */
function cut(text: string, n: number): string {
  const points = [...text];
  return points.length <= n ? text : points.slice(0, n).join('');
}

/** The message as one line of plain text: its body, else what it carries. */
export function preview(message: Pick<Message, 'body' | 'attachments'>): string {
  const body = (message.body ?? '').replace(/\s+/g, ' ').trim();
  if (body) return body;
  const files = message.attachments;
  if (files.length === 1) return `📎 ${files[0].name}`;
  return files.length > 1 ? `📎 ${files.length} files` : '';
}

export function notificationOf(message: Message, conversation: { type: 'direct' | 'group'; title: string | null }, mention: boolean): Notification {
  const sender = message.sender?.displayName ?? 'Deleted account';
  const text = preview(message);
  return {
    conversationId: message.conversationId,
    messageId: message.id,
    seq: message.seq,
    title: conversation.type === 'direct' ? sender : (conversation.title ?? 'Group'),
    body: cut(conversation.type === 'direct' ? text : `${sender}: ${text}`, PREVIEW_LENGTH),
    mention,
    count: 1,
    icon: message.sender?.avatarUrl ?? null,
  };
}

/** Several messages of one conversation, told as one. */
export function coalesced(latest: Notification, count: number, mention: boolean): Notification {
  return count <= 1 ? { ...latest, mention } : { ...latest, count, mention, body: `${count} new messages` };
}

export function messagePush(notification: Notification): PushPayload {
  return { type: 'message', ...notification, url: `/chat/${notification.conversationId}` };
}
