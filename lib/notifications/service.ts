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
import { owedDigest } from '@/lib/email/digest';
import { raise, subscribe, type DomainEvents } from '@/lib/events/bus';
import { describeError, log } from '@/lib/log';
import { onlineAmong } from '@/lib/presence/registry';
import { redisClients } from '@/lib/redis';
import { processSingleton } from '@/lib/singletons';
import { admit, dropHeld, stopWindows, type Held } from './coalesce';
import { decide, type NotifyLevel } from './levels';
import { coalesced, messagePush, notificationOf, type Notification } from './payloads';
import { pushTo } from './push';

/** What the rule needs to know of a member (lib/notifications/levels.ts), and of the conversation. */
const memberFacts = `select cm.user_id as "userId", cm.notify as level, coalesce(u.dnd_until > now(), false) as dnd, c.type, c.title
from conversations c
join conversation_members cm on cm.conversation_id = c.id
join users u on u.id = cm.user_id`;

type Candidate = { userId: string; level: NotifyLevel; dnd: boolean; type: 'direct' | 'group'; title: string | null };

/**
 * The members a message could notify: everyone but the sender whose level is not `none`, and, at
 * `mentions`, only those it mentions (all of a direct conversation). In a large group at the
 * default level this is the mentioned few, not every member.
 */
const candidatesStatement = `${memberFacts}
where c.id = $1 and cm.user_id is distinct from $2::uuid and cm.notify <> 'none'
  and (cm.notify = 'all' or c.type = 'direct' or cm.user_id in (select value::uuid from json_array_elements_text($3::text::json)))`;

/** Whom to tell, and what: one entry per person the message notifies. */
async function recipients({ message }: DomainEvents['message.created']): Promise<{ userId: string; notification: Notification }[]> {
  if (message.sender === null) return [];
  const candidates = await query<Candidate>(candidatesStatement, [message.conversationId, message.sender.id, JSON.stringify(message.mentions)]);
  return candidates.flatMap((c) => {
    const decision = decide({ senderId: message.sender!.id, mentions: message.mentions, direct: c.type === 'direct' }, c);
    return decision ? [{ userId: c.userId, notification: notificationOf(message, c, decision.mention) }] : [];
  });
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

/** These members of one conversation, as things stand now. */
const currentStatement = `${memberFacts}
where c.id = $1 and cm.user_id in (select value::uuid from json_array_elements_text($2::text::json))`;

/**
 * Windows closed with messages held: each person hears of them as one, decided again as things
 * stand now (they may have muted the conversation, switched do not disturb on, or left it).
 */
async function closed(windows: { userId: string; held: Held }[]): Promise<void> {
  const byConversation = new Map<string, { userId: string; held: Held }[]>();
  for (const w of windows) byConversation.set(w.held.latest.conversationId, [...(byConversation.get(w.held.latest.conversationId) ?? []), w]);
  const told: { userId: string; notification: Notification }[] = [];
  for (const [conversationId, list] of byConversation) {
    const rows = await query<Candidate>(currentStatement, [conversationId, JSON.stringify(list.map((w) => w.userId))]);
    const now = new Map(rows.map((r) => [r.userId, r]));
    for (const { userId, held } of list) {
      const member = now.get(userId);
      const still = member && decide({ senderId: null, mentions: held.mention ? [userId] : [], direct: member.type === 'direct' }, member);
      if (still) told.push({ userId, notification: coalesced(held.latest, held.count, held.mention) });
    }
  }
  await deliver(told);
}

function windowsClosed(windows: { userId: string; held: Held }[]): void {
  void closed(windows).catch((error) => log.error('notification delivery failed', { error: describeError(error) }));
}

async function messageCreated(event: DomainEvents['message.created']): Promise<void> {
  const notified = await recipients(event);
  if (notified.length === 0) return;
  const now = await admit(notified, getConfig().notifications.coalesceMs, windowsClosed);
  await Promise.all([
    deliver(notified.filter((_, i) => now[i])),
    owedDigest(
      undefined,
      notified.map((n) => n.userId),
      new Date(event.message.createdAt),
    ),
  ]);
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
  if (!getConfig().notifications.enabled) return;
  processSingleton('notifications', () => {
    subscribe('message.created', messageCreated);
    subscribe('conversation.read', conversationRead);
    // Someone who left hears nothing more of the conversation, not even what was held.
    subscribe('member.removed', ({ conversationId, userId }) => dropHeld(userId, conversationId));
    return true;
  });
}

export function stopNotifications(): void {
  stopWindows();
}
