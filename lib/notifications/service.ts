// Notifications: a subscriber of `message.created`. For each stored message it decides, once, who
// hears of it (lib/notifications/levels.ts), lets bursts through one per window (coalesce.ts), and
// delivers in order: the `notification` event to every socket the person has; when they have
// none on any process, a Web Push to each of their subscriptions; and, for those with a verified
// address, a missed-messages email owed a few minutes later (sent only if it is still unread).
// The event is raised once, in the process that stored the message, so each decision is made once
// however many processes run. Reading a conversation drops what was held for it and closes its
// notifications on devices that only hear by push.
import { query } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getConfig } from '@/lib/config';
import { raise, subscribe, type DomainEvents } from '@/lib/events/bus';
import { onlineAmong } from '@/lib/presence/registry';
import { redisClients } from '@/lib/redis';
import { processSingleton } from '@/lib/singletons';
import { admit, dropHeld, stopWindows, type Held } from './coalesce';
import { decide, type NotifyLevel } from './levels';
import { coalesced, messagePush, notificationOf, type Notification } from './payloads';
import { pushTo } from './push';

/**
 * The members a message could notify, with what the decision needs: everyone but the sender whose
 * level is not `none`, and, at `mentions`, only those it mentions (all of a direct conversation).
 * In a large group at the default level this is the mentioned few, not every member.
 */
const candidatesStatement = `select cm.user_id as "userId", cm.notify as level, coalesce(u.dnd_until > now(), false) as dnd,
  (u.email is not null and u.email_notifications) as "hasEmail", c.type, c.title
from conversations c
join conversation_members cm on cm.conversation_id = c.id
join users u on u.id = cm.user_id
where c.id = $1 and cm.user_id is distinct from $2::uuid and cm.notify <> 'none'
  and (cm.notify = 'all' or c.type = 'direct' or cm.user_id in (select value::uuid from json_array_elements_text($3::text::json)))`;

type Candidate = { userId: string; level: NotifyLevel; dnd: boolean; hasEmail: boolean; type: 'direct' | 'group'; title: string | null };

/** Whom to tell, and what: one entry per person the message notifies. */
async function recipients({ message }: DomainEvents['message.created']) {
  if (message.sender === null) return { notified: [] as { userId: string; notification: Notification }[], emailable: [] as string[] };
  const candidates = await query<Candidate>(candidatesStatement, [message.conversationId, message.sender.id, JSON.stringify(message.mentions)]);
  const notified: { userId: string; notification: Notification }[] = [];
  const emailable: string[] = [];
  for (const c of candidates) {
    const decision = decide({ senderId: message.sender.id, mentions: message.mentions, direct: c.type === 'direct' }, c);
    if (!decision) continue;
    notified.push({ userId: c.userId, notification: notificationOf(message, c, decision.mention) });
    if (c.hasEmail) emailable.push(c.userId);
  }
  return { notified, emailable };
}

/** The conversations each person last heard of by push, with the seq it was about (to close it once read). */
const pushedKey = (userId: string) => `relay:notify:pushed:${userId}`;
const PUSHED_TTL_S = 24 * 3600;
const pushedLocal = () => processSingleton('notifyPushed', () => new Map<string, Map<string, number>>());

async function rememberPushed(userIds: string[], conversationId: string, seq: number): Promise<void> {
  const redis = redisClients();
  if (!redis) {
    for (const id of userIds) {
      const seen = pushedLocal().get(id) ?? new Map<string, number>();
      seen.set(conversationId, seq);
      pushedLocal().set(id, seen);
    }
    return;
  }
  const pipeline = redis.client.pipeline();
  for (const id of userIds) pipeline.hset(pushedKey(id), conversationId, String(seq)).expire(pushedKey(id), PUSHED_TTL_S);
  await pipeline.exec();
}

/** Whether a push went out for this conversation that a read up to `seq` covers (forgotten once asked). */
async function takePushed(userId: string, conversationId: string, seq: number): Promise<boolean> {
  const redis = redisClients();
  let pushed: number | undefined;
  if (!redis) {
    pushed = pushedLocal().get(userId)?.get(conversationId);
    if (pushed !== undefined && pushed <= seq) pushedLocal().get(userId)!.delete(conversationId);
  } else {
    const value = await redis.client.hget(pushedKey(userId), conversationId);
    pushed = value === null ? undefined : Number(value);
    if (pushed !== undefined && pushed <= seq) await redis.client.hdel(pushedKey(userId), conversationId);
  }
  return pushed !== undefined && pushed <= seq;
}

/** Tells each person: their sockets now; a push to those with none connected anywhere. */
async function deliver(items: { userId: string; notification: Notification }[]): Promise<void> {
  if (items.length === 0) return;
  // People told the same thing get one event (a group's members differ only in `mention`).
  const alike = new Map<string, { notification: Notification; userIds: string[] }>();
  for (const { userId, notification } of items) {
    const key = JSON.stringify(notification);
    const group = alike.get(key) ?? { notification, userIds: [] };
    group.userIds.push(userId);
    alike.set(key, group);
  }
  for (const { notification, userIds } of alike.values()) raise('notification.created', { userIds, notification });

  const online = await onlineAmong(items.map((i) => i.userId));
  await Promise.all(
    [...alike.values()].map(async ({ notification, userIds }) => {
      const away = userIds.filter((id) => !online.has(id));
      if (away.length === 0) return;
      await pushTo(away, messagePush(notification));
      await rememberPushed(away, notification.conversationId, notification.seq);
    }),
  );
}

function closed(userId: string, held: Held): void {
  void deliver([{ userId, notification: coalesced(held.latest, held.count, held.mention) }]);
}

/** A missed-messages email is owed to these people, due EMAIL_NOTIFY_AFTER_MINUTES from now (the first owed stays). */
async function oweEmail(userIds: string[], since: string): Promise<void> {
  const email = getConfig().email;
  if (!email || userIds.length === 0) return;
  await query(
    `insert into email_digests (user_id, since, due_at)
     select value::uuid, $2::timestamptz, now() + ($3::int * interval '1 millisecond') from json_array_elements_text($1::text::json)
     on conflict (user_id) do nothing`,
    [JSON.stringify(userIds), since, Math.round(email.notifyAfterMs)],
  );
}

async function messageCreated(event: DomainEvents['message.created']): Promise<void> {
  const { notified, emailable } = await recipients(event);
  if (notified.length === 0) return;
  const now = await admit(notified, getConfig().notifications.coalesceMs, closed);
  await Promise.all([deliver(notified.filter((_, i) => now[i])), oweEmail(emailable, event.message.createdAt)]);
}

async function conversationRead({ conversationId, userId, seq }: DomainEvents['conversation.read']): Promise<void> {
  await dropHeld(userId, conversationId);
  if (await takePushed(userId, conversationId, seq)) await pushTo([userId], { type: 'read', conversationId });
}

/** "Send me a test notification": a push to each of the caller's subscriptions, through the real path. */
export async function sendTestPush(actor: Actor): Promise<{ subscriptions: number; delivered: number }> {
  const { instanceName } = getConfig();
  return pushTo([actor.userId], { type: 'test', title: instanceName, body: `Notifications from ${instanceName} reach this browser.`, url: '/settings' });
}

/** Subscribes once per process (server.ts calls it). */
export function startNotifications(): void {
  processSingleton('notifications', () => {
    subscribe('message.created', messageCreated);
    subscribe('conversation.read', conversationRead);
    return true;
  });
}

export function stopNotifications(): void {
  stopWindows();
}
