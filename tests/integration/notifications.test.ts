// Notifications through the real server: who hears of a message (levels, mentions, direct or
// group, their own, do not disturb) by socket or, with no socket, by Web Push to a local push
// service that checks the VAPID signature against the published key and decrypts each payload;
// gone and failing push services; bursts told once; closing on read; and the routes that set it up.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { direct, group, send } from '../support/chat';
import { database } from '../support/database';
import { png } from '../support/files';
import { call, newUser, signInToken, uniqueName, type TestUser } from '../support/http';
import { startPushService, type PushService, type SubscriptionJson } from '../support/pushService';
import { closeAll, collect, connect, nextEvent, sleep } from '../support/sockets';

/** NOTIFY_COALESCE_SECONDS of the test server (tests/support/vitest-global-setup.ts). */
const WINDOW_MS = 1_000;

let push: PushService;
let vapidPublicKey: string;
let checkedRequests = 0;

beforeAll(async () => {
  push = await startPushService();
  const info = await call('GET', '/api/server');
  vapidPublicKey = info.body.push.vapidPublicKey;
  // Every push the server sends must be signed with the key it publishes, which browsers subscribe with.
  push.expectKey(vapidPublicKey);
});

afterAll(async () => {
  closeAll();
  await push?.close();
});

afterEach(() => {
  // Whatever a test waited for, every request the server made to the push service passed its checks.
  const invalid = push
    .requests()
    .slice(checkedRequests)
    .filter((r) => !r.valid);
  checkedRequests = push.requests().length;
  expect(invalid.map((r) => `${r.name}: ${r.status} ${r.problem}`)).toEqual([]);
});

/** Registers a browser's subscription for `user` at a new endpoint of the push service. */
async function subscribe(user: TestUser, name = uniqueName('endpoint')): Promise<SubscriptionJson & { name: string }> {
  const subscription = push.newSubscription(name);
  const reply = await call('POST', '/api/push/subscriptions', { token: user.token, body: subscription });
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  expect(reply.body.subscription).toEqual({ id: expect.any(String), endpoint: subscription.endpoint, createdAt: expect.any(String) });
  return { ...subscription, name };
}

async function setLevel(user: TestUser, conversationId: string, level: 'all' | 'mentions' | 'none') {
  const reply = await call('PUT', `/api/conversations/${conversationId}/notify`, { token: user.token, body: { level } });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body.conversation;
}

async function patchMe(user: TestUser, body: Record<string, unknown>) {
  return call('PATCH', '/api/users/me', { token: user.token, body });
}

async function testPush(user: TestUser) {
  const reply = await call('POST', '/api/notifications/test', { token: user.token });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body as { subscriptions: number; delivered: number };
}

/** Polls `check` until it holds or `ms` pass; the last value is returned either way, for the assertion. */
async function eventually<T>(read: () => T, holds: (value: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = read();
  while (!holds(value) && Date.now() < deadline) {
    await sleep(100);
    value = read();
  }
  return value;
}

describe('who hears of a message: the decision table', () => {
  type Level = 'all' | 'mentions' | 'none';
  type Outcome = 'mention' | 'plain' | null;
  // level, mentioned, do not disturb → what the member hears in a group, and in a direct conversation
  // (where everything is addressed to them: it counts as a mention, also at `mentions`).
  const table: [Level, boolean, boolean, Outcome, Outcome][] = [
    ['all', true, false, 'mention', 'mention'],
    ['all', false, false, 'plain', 'mention'],
    ['mentions', true, false, 'mention', 'mention'],
    ['mentions', false, false, null, 'mention'],
    ['none', true, false, null, null],
    ['none', false, false, null, null],
    ['all', true, true, null, null],
    ['all', false, true, null, null],
    ['mentions', true, true, null, null],
    ['mentions', false, true, null, null],
    ['none', true, true, null, null],
    ['none', false, true, null, null],
  ];

  it('tells connected members by socket, the others by Web Push, never the sender, as the table says', async () => {
    const sender = await newUser({ displayName: 'Sender Person' });
    // Each row twice: a member with a socket open, and one with none (who can only hear by push).
    // Everyone has a push subscription, so a push where a socket should have been is seen too.
    const rows = await Promise.all(
      table.flatMap(([level, mentioned, dnd, inGroup, inDirect], i) =>
        (['socket', 'push'] as const).map(async (channel) => {
          const user = await newUser();
          const subscription = await subscribe(user);
          return { i, level, mentioned, dnd, inGroup, inDirect, channel, user, subscription, dm: '' };
        }),
      ),
    );
    const senderSubscription = await subscribe(sender);
    const title = `Table ${uniqueName('g')}`;
    const groupId = await group(
      sender,
      rows.map((r) => r.user),
      title,
    );
    for (const row of rows) row.dm = await direct(sender, row.user);
    // A group of 25 starts everyone at `all`; each row sets its level in both conversations.
    expect((await call('GET', `/api/conversations/${groupId}`, { token: rows[0].user.token })).body.conversation.notify).toBe('all');
    expect((await call('GET', `/api/conversations/${rows[0].dm}`, { token: rows[0].user.token })).body.conversation.notify).toBe('all');
    for (const row of rows) {
      if (row.level !== 'all') {
        expect((await setLevel(row.user, groupId, row.level)).notify).toBe(row.level);
        expect((await setLevel(row.user, row.dm, row.level)).notify).toBe(row.level);
      }
      if (row.dnd) {
        // Both ways of turning it on: until switched off, and until a time.
        const reply = await patchMe(row.user, row.channel === 'socket' ? { dnd: true } : { dndUntil: new Date(Date.now() + 3600_000).toISOString() });
        expect(reply.status).toBe(200);
        expect(reply.body.user.dnd).toBe(true);
      }
    }

    const sockets = new Map<string, { items: any[] }>();
    for (const row of rows.filter((r) => r.channel === 'socket')) sockets.set(row.user.id, collect(await connect({ token: row.user.token }), 'notification'));
    const senderSocket = collect(await connect({ token: sender.token }), 'notification');

    const mentionText = (users: TestUser[]) => users.map((u) => `@${u.username}`).join(' ');
    const groupText = `Standup notes ${mentionText(rows.filter((r) => r.mentioned).map((r) => r.user))}`;
    const groupMessage = await send(sender, groupId, groupText);
    const directMessages = new Map<string, { id: string; seq: number; body: string }>();
    for (const row of rows) directMessages.set(row.dm, await send(sender, row.dm, row.mentioned ? `hi @${row.user.username}` : 'hi there'));

    /** What each member heard, per conversation: the mention flag of each notification. */
    const heard = () =>
      rows.map((row) => {
        const notifications =
          row.channel === 'socket'
            ? sockets.get(row.user.id)!.items
            : push
                .requests(row.subscription.name)
                .filter((r) => r.valid && r.status === 201)
                .map((r) => r.payload);
        const outcome = (conversationId: string): Outcome[] =>
          notifications
            .filter((n: { conversationId: string }) => n.conversationId === conversationId)
            .map((n: { mention: boolean }) => (n.mention ? 'mention' : 'plain'));
        return {
          row: `${row.level} ${row.mentioned ? 'mentioned' : 'not mentioned'} ${row.dnd ? 'dnd' : 'available'} by ${row.channel}`,
          group: outcome(groupId),
          direct: outcome(row.dm),
          // A member with a socket open hears nothing by push.
          pushedWhileConnected: row.channel === 'socket' ? push.requests(row.subscription.name).length : 0,
        };
      });
    const expected = rows.map((row) => ({
      row: `${row.level} ${row.mentioned ? 'mentioned' : 'not mentioned'} ${row.dnd ? 'dnd' : 'available'} by ${row.channel}`,
      group: row.inGroup ? [row.inGroup] : [],
      direct: row.inDirect ? [row.inDirect] : [],
      pushedWhileConnected: 0,
    }));
    const positives = expected.reduce((n, e) => n + e.group.length + e.direct.length, 0);
    const count = (h: ReturnType<typeof heard>) => h.reduce((n, e) => n + e.group.length + e.direct.length, 0);
    await eventually(heard, (h) => count(h) >= positives);
    // Then long enough for anything that should not come to come.
    await sleep(1_500);
    expect(heard()).toEqual(expected);

    // Nobody hears of their own message, on any channel.
    expect(senderSocket.items).toEqual([]);
    expect(push.requests(senderSubscription.name)).toEqual([]);

    // What a group notification says, on either channel.
    const socketRow = rows.find((r) => r.channel === 'socket' && r.inGroup === 'mention')!;
    expect(sockets.get(socketRow.user.id)!.items.find((n) => n.conversationId === groupId)).toEqual({
      conversationId: groupId,
      messageId: groupMessage.id,
      seq: groupMessage.seq,
      title,
      body: expect.stringContaining('Standup notes @'),
      mention: true,
      count: 1,
      icon: null,
    });
    const pushRow = rows.find((r) => r.channel === 'push' && r.inGroup === 'plain')!;
    const pushed = push.requests(pushRow.subscription.name).find((r) => r.payload?.conversationId === groupId)!;
    expect(pushed.payload).toEqual({
      type: 'message',
      conversationId: groupId,
      messageId: groupMessage.id,
      seq: groupMessage.seq,
      title,
      body: expect.stringContaining('Standup notes @'),
      mention: false,
      count: 1,
      icon: null,
      url: `/chat/${groupId}`,
    });
    expect([...pushed.payload.body].length).toBeLessThanOrEqual(200);
    // A direct notification is titled with the sender's name.
    const directRow = rows.find((r) => r.channel === 'socket' && r.inDirect)!;
    expect(sockets.get(directRow.user.id)!.items.find((n) => n.conversationId === directRow.dm)).toMatchObject({
      title: 'Sender Person',
      body: directMessages.get(directRow.dm)!.body,
      messageId: directMessages.get(directRow.dm)!.id,
      mention: true,
    });
  });

  it('makes @all in a group a mention for everyone at `mentions`', async () => {
    const [sender, listener] = await Promise.all([newUser(), newUser()]);
    const id = await group(sender, [listener]);
    await setLevel(listener, id, 'mentions');
    const socket = await connect({ token: listener.token });
    const heard = nextEvent(socket, 'notification', (n) => n.conversationId === id);
    const m = await send(sender, id, 'release at 5 @all');
    expect(await heard).toMatchObject({ messageId: m.id, mention: true, count: 1 });
  });

  it('starts members of a group of more than 50 at `mentions`, and they hear only what mentions them', async () => {
    const owner = await newUser();
    const newcomer = await newUser();
    // Register-only members: they need no sign-in.
    const others: string[] = [];
    for (let i = 0; i < 49; i++) {
      const reply = await call('POST', '/api/auth/register', { body: { username: uniqueName('crowd'), password: 'correct horse battery' } });
      expect(reply.status).toBe(201);
      others.push(reply.body.user.id);
    }
    const created = await call('POST', '/api/conversations', { token: owner.token, body: { type: 'group', title: 'Fifty', memberIds: others } });
    expect(created.status).toBe(201);
    const id = created.body.conversation.id;
    expect(created.body.conversation.members).toHaveLength(50);
    // Fifty members: still everything.
    expect(created.body.conversation.notify).toBe('all');
    expect((await call('POST', `/api/conversations/${id}/members`, { token: owner.token, body: { userIds: [newcomer.id] } })).status).toBe(200);
    // The 51st starts at mentions; those already in keep what they had.
    expect((await call('GET', `/api/conversations/${id}`, { token: newcomer.token })).body.conversation.notify).toBe('mentions');
    expect((await call('GET', `/api/conversations/${id}`, { token: owner.token })).body.conversation.notify).toBe('all');

    const socket = await connect({ token: newcomer.token });
    const heard = collect(socket, 'notification');
    await send(owner, id, 'general chatter');
    const mentioning = await send(owner, id, `welcome @${newcomer.username}`);
    const got = await eventually(
      () => heard.items,
      (items) => items.length > 0,
    );
    await sleep(500);
    expect(got.map((n) => n.messageId)).toEqual([mentioning.id]);
  });

  it('holds do not disturb until the time it was set to, then lets notifications through again', async () => {
    const [sender, sleeper] = await Promise.all([newUser(), newUser()]);
    const id = await direct(sender, sleeper);
    const until = new Date(Date.now() + 3_000).toISOString();
    const set = await patchMe(sleeper, { dndUntil: until });
    expect(set.status).toBe(200);
    expect(set.body.user).toMatchObject({ dnd: true, dndUntil: until });
    const socket = await connect({ token: sleeper.token });
    const heard = collect(socket, 'notification');
    await send(sender, id, 'while asleep');
    await sleep(Math.max(0, Date.parse(until) - Date.now()) + 300);
    expect((await call('GET', '/api/users/me', { token: sleeper.token })).body.user).toMatchObject({ dnd: false, dndUntil: null });
    const after = nextEvent(socket, 'notification');
    const awake = await send(sender, id, 'good morning');
    expect(await after).toMatchObject({ messageId: awake.id });
    expect(heard.stop().map((n) => n.messageId)).toEqual([awake.id]);
  });
});

describe('Web Push', () => {
  it('reaches a member with no socket: signed with the published key, and decrypted to the documented payload', async () => {
    const [sender, away] = await Promise.all([newUser({ displayName: 'Ada' }), newUser()]);
    const avatar = await call('PUT', '/api/users/me/avatar', { token: sender.token, rawBody: await png(64, 64), headers: { 'content-type': 'image/png' } });
    expect(avatar.status).toBe(200);
    const subscription = await subscribe(away);
    const id = await direct(sender, away);
    // Past 200 code points, with a surrogate pair at the cut.
    const text = 'x'.repeat(199) + '🦋' + 'y'.repeat(100);
    const m = await send(sender, id, text);
    const [delivered] = await push.take(subscription.name, 1, 10_000);
    expect(delivered.payload).toEqual({
      type: 'message',
      conversationId: id,
      messageId: m.id,
      seq: m.seq,
      title: 'Ada',
      body: 'x'.repeat(199) + '🦋',
      mention: true,
      count: 1,
      icon: avatar.body.user.avatarUrl,
      url: `/chat/${id}`,
    });
    expect(avatar.body.user.avatarUrl).toEqual(expect.any(String));
    // The push service checked the JWT under k; k is the key the server publishes.
    expect(delivered.vapidKey).toBe(vapidPublicKey);
    expect(delivered.claims).toMatchObject({ aud: push.url });
    expect(delivered.ttl).toBeGreaterThan(0);
    await push.none(subscription.name, 500);
  });

  it('pushes to every subscription of the person, and a new one for the same endpoint replaces the old keys', async () => {
    const [sender, away] = await Promise.all([newUser(), newUser()]);
    const laptop = await subscribe(away);
    const phone = await subscribe(away);
    // The same browser subscribes again (new keys, same endpoint): one subscription, the new keys.
    const again = push.newSubscription(laptop.name);
    expect((await call('POST', '/api/push/subscriptions', { token: away.token, body: again })).status).toBe(201);
    const m = await send(sender, await direct(sender, away), 'to both');
    expect((await push.take(laptop.name, 1, 10_000))[0].payload.messageId).toBe(m.id);
    expect((await push.take(phone.name, 1, 10_000))[0].payload.messageId).toBe(m.id);
    expect(push.requests(laptop.name)).toHaveLength(1);
  });

  it('deletes a subscription its push service says is gone (410 or 404): nothing more goes to it', async () => {
    for (const status of [410, 404]) {
      const [sender, away] = await Promise.all([newUser(), newUser()]);
      const gone = await subscribe(away);
      const kept = await subscribe(away);
      push.respond(gone.name, status);
      await send(sender, await direct(sender, away), 'first');
      await push.arrived(gone.name, 1, 10_000);
      await push.take(kept.name, 1, 10_000);
      // Another conversation, so no coalescing window is in the way: the gone one hears nothing.
      const third = await newUser();
      await send(third, await direct(third, away), 'second');
      await push.take(kept.name, 1, 10_000);
      await push.none(gone.name, 1_000);
      expect(
        push.requests(gone.name).map((r) => r.status),
        String(status),
      ).toEqual([status]);
      expect(await testPush(away)).toEqual({ subscriptions: 1, delivered: 1 });
    }
  });

  it('retries a push service that fails (500) a bounded number of times, then gives up and keeps the subscription', async () => {
    const [sender, away] = await Promise.all([newUser(), newUser()]);
    const flaky = await subscribe(away);
    push.respond(flaky.name, [500, 500]);
    const id = await direct(sender, away);
    const m = await send(sender, id, 'eventually');
    // Two failures, then taken: three requests, one message.
    const [delivered] = await push.take(flaky.name, 1, 15_000);
    expect(delivered.payload.messageId).toBe(m.id);
    expect(push.requests(flaky.name).map((r) => r.status)).toEqual([500, 500, 201]);

    const broken = await subscribe(away);
    push.respond(broken.name, 500);
    const other = await newUser();
    await send(other, await direct(other, away), 'never arrives');
    await push.take(flaky.name, 1, 10_000);
    const tries = await push.arrived(broken.name, 3, 15_000);
    // No more after the last pause (3 s) has long passed: given up after three attempts.
    await sleep(5_000);
    expect(push.requests(broken.name)).toHaveLength(tries.length);
    expect(tries.map((r) => r.status)).toEqual([500, 500, 500]);
    // Given up on, not deleted: it is still there once its service recovers.
    push.respond(broken.name, []);
    expect(await testPush(away)).toEqual({ subscriptions: 2, delivered: 2 });
  });
  it('keeps delivering to a person’s other subscriptions when one of them cannot be encrypted to', async () => {
    const [sender, away] = await Promise.all([newUser(), newUser()]);
    const good = await subscribe(away);
    // A stored subscription whose key is no point of the curve (written behind the service's back,
    // as an older server's validation might have let it in): encrypting to it fails every time.
    const broken = push.newSubscription(uniqueName('broken'));
    const offCurve = Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url');
    await database()`insert into push_subscriptions (user_id, endpoint, p256dh, auth) values (${away.id}, ${broken.endpoint}, ${offCurve}, ${broken.keys.auth})`;
    expect(await testPush(away)).toEqual({ subscriptions: 2, delivered: 1 });
    await push.take(good.name, 1, 10_000);
    const id = await direct(sender, away);
    const m = await send(sender, id, 'still reaches the good one');
    expect((await push.take(good.name, 1, 10_000))[0].payload).toMatchObject({ type: 'message', messageId: m.id });
    // The push went out, so reading closes it there.
    expect((await call('POST', `/api/conversations/${id}/read`, { token: away.token, body: { seq: m.seq } })).status).toBe(204);
    expect((await push.take(good.name, 1, 10_000))[0].payload).toEqual({ type: 'read', conversationId: id });
  });
});

describe('bursts', () => {
  it('tell of 5 messages in a burst twice: the first at once, then "4 new messages" when the window closes', async () => {
    const [sender, online, away] = await Promise.all([newUser(), newUser(), newUser()]);
    const id = await group(sender, [online, away], 'Burst');
    const subscription = await subscribe(away);
    const socket = await connect({ token: online.token });
    const heard = collect(socket, 'notification');
    const started = Date.now();
    const sent = [];
    for (let i = 1; i <= 5; i++) sent.push(await send(sender, id, `message ${i}`));
    // The burst fits in the window, or the test says nothing.
    expect(Date.now() - started).toBeLessThan(WINDOW_MS);

    const first = await push.take(subscription.name, 1, 5_000);
    const second = await push.take(subscription.name, 1, WINDOW_MS + 5_000);
    // Then two windows of quiet: nothing more, by push or socket.
    await push.none(subscription.name, 2 * WINDOW_MS + 500);
    const told = heard.stop();
    for (const notifications of [told, [...first, ...second].map((r) => r.payload)]) {
      expect(notifications).toHaveLength(2);
      expect(notifications[0]).toMatchObject({ messageId: sent[0].id, seq: sent[0].seq, count: 1, body: expect.stringContaining('message 1') });
      expect(notifications[1]).toMatchObject({ messageId: sent[4].id, seq: sent[4].seq, count: 4, body: '4 new messages', title: 'Burst' });
    }
    // The held ones come at the window's end, not one by one.
    expect(second[0].at - first[0].at).toBeGreaterThan(WINDOW_MS - 500);
  });

  it('drop what was held when the person reads the conversation meanwhile', async () => {
    const [sender, reader] = await Promise.all([newUser(), newUser()]);
    const id = await direct(sender, reader);
    const socket = await connect({ token: reader.token });
    const heard = collect(socket, 'notification');
    await send(sender, id, 'one');
    await send(sender, id, 'two');
    const last = await send(sender, id, 'three');
    expect((await call('POST', `/api/conversations/${id}/read`, { token: reader.token, body: { seq: last.seq } })).status).toBe(204);
    await sleep(2 * WINDOW_MS + 500);
    expect(heard.stop().map((n) => n.count)).toEqual([1]);
  });
  it('tell nothing more once the person turns do not disturb on or mutes the conversation while messages are held', async () => {
    const quieten = {
      dnd: (u: TestUser) => patchMe(u, { dnd: true }),
      mute: (u: TestUser, id: string) => setLevel(u, id, 'none'),
    };
    const told = await Promise.all(
      Object.entries(quieten).map(async ([how, act]) => {
        const [sender, reader] = await Promise.all([newUser(), newUser()]);
        const id = await direct(sender, reader);
        const socket = await connect({ token: reader.token });
        const heard = collect(socket, 'notification');
        const first = nextEvent(socket, 'notification');
        await send(sender, id, 'one');
        await first;
        await send(sender, id, 'two');
        await send(sender, id, 'three');
        await act(reader, id);
        await sleep(2 * WINDOW_MS + 500);
        return [how, heard.stop().map((n) => n.count)];
      }),
    );
    // Only the first, told before; the two held are dropped, not told as "2 new messages".
    expect(Object.fromEntries(told)).toEqual({ dnd: [1], mute: [1] });
  });
});

describe('closing on read', () => {
  it('sends {type: "read"} to the subscriptions once a conversation that was pushed is read, and nothing for one that was not', async () => {
    const [sender, away] = await Promise.all([newUser(), newUser()]);
    const subscription = await subscribe(away);
    const id = await direct(sender, away);
    const m = await send(sender, id, 'are you there?');
    await push.take(subscription.name, 1, 10_000);
    expect((await call('POST', `/api/conversations/${id}/read`, { token: away.token, body: { seq: m.seq } })).status).toBe(204);
    const [closing] = await push.take(subscription.name, 1, 10_000);
    expect(closing.payload).toEqual({ type: 'read', conversationId: id });
    // Once: reading it again closes nothing more.
    expect((await call('POST', `/api/conversations/${id}/read`, { token: away.token, body: { seq: m.seq } })).status).toBe(204);

    // A conversation nothing was pushed for (muted): reading it pushes nothing.
    const quiet = await group(sender, [away]);
    await setLevel(away, quiet, 'none');
    const q = await send(sender, quiet, 'muted');
    expect((await call('POST', `/api/conversations/${quiet}/read`, { token: away.token, body: { seq: q.seq } })).status).toBe(204);
    await push.none(subscription.name, 1_500);
  });
});

describe('the test notification', () => {
  it('pushes {type: "test"} to each of the caller’s subscriptions and answers how many took it; sockets get nothing', async () => {
    const user = await newUser();
    expect(await testPush(user)).toEqual({ subscriptions: 0, delivered: 0 });
    const good = await subscribe(user);
    const gone = await subscribe(user);
    push.respond(gone.name, 410);
    const socket = await connect({ token: user.token });
    const heard = collect(socket, 'notification');
    expect(await testPush(user)).toEqual({ subscriptions: 2, delivered: 1 });
    const [test] = await push.take(good.name, 1, 10_000);
    expect(test.payload).toEqual({ type: 'test', title: expect.any(String), body: expect.any(String), url: '/settings' });
    expect(test.payload.title.length).toBeGreaterThan(0);
    expect(test.vapidKey).toBe(vapidPublicKey);
    // The 410 one is gone now.
    expect(await testPush(user)).toEqual({ subscriptions: 1, delivered: 1 });
    await push.take(good.name, 1, 10_000);
    await sleep(300);
    expect(heard.stop()).toEqual([]);
    expect(push.requests(gone.name)).toHaveLength(1);
  });
});

describe('push subscriptions', () => {
  it('refuses a subscription with missing fields or keys that are not keys, with 400 on the field', async () => {
    const user = await newUser();
    const name = uniqueName('v');
    const good = push.newSubscription(name);
    const p256 = Buffer.from(good.keys.p256dh, 'base64url');
    const compressed = Buffer.concat([Buffer.from([2]), p256.subarray(1, 33)]).toString('base64url');
    const bad: [string, unknown][] = [
      ['an empty object', {}],
      ['no endpoint', { keys: good.keys }],
      ['no keys', { endpoint: good.endpoint }],
      ['no p256dh', { endpoint: good.endpoint, keys: { auth: good.keys.auth } }],
      ['no auth', { endpoint: good.endpoint, keys: { p256dh: good.keys.p256dh } }],
      ['a short p256dh', { ...good, keys: { ...good.keys, p256dh: p256.subarray(0, 64).toString('base64url') } }],
      ['a compressed point', { ...good, keys: { ...good.keys, p256dh: compressed } }],
      // 65 bytes with the 0x04 prefix, but no point of the curve: nothing could ever be encrypted to it.
      ['a point off the curve', { ...good, keys: { ...good.keys, p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString('base64url') } }],
      ['a 15-byte auth', { ...good, keys: { ...good.keys, auth: Buffer.alloc(15, 1).toString('base64url') } }],
      ['auth not base64url', { ...good, keys: { ...good.keys, auth: '!!!!!!!!!!!!!!!!!!!!!!' } }],
      ['an endpoint that is no URL', { ...good, endpoint: 'not a url' }],
      ['an ftp endpoint', { ...good, endpoint: 'ftp://127.0.0.1/push' }],
      ['an endpoint with credentials', { ...good, endpoint: good.endpoint.replace('http://', 'http://user:pass@') }],
      ['numbers for keys', { ...good, keys: { p256dh: 1, auth: 2 } }],
    ];
    for (const [what, body] of bad) {
      const reply = await call('POST', '/api/push/subscriptions', { token: user.token, body });
      expect(reply.status, what).toBe(400);
      expect(reply.body.error.code, what).toBe('validation_failed');
    }
    const endpointDetail = await call('POST', '/api/push/subscriptions', { token: user.token, body: { ...good, endpoint: 'ftp://127.0.0.1/push' } });
    expect(endpointDetail.body.error.details).toEqual([expect.objectContaining({ path: 'endpoint' })]);
    expect(await testPush(user)).toEqual({ subscriptions: 0, delivered: 0 });
    expect(push.requests(name)).toEqual([]);
  });

  it('lets only their owner delete them: another person’s DELETE answers the same and removes nothing', async () => {
    const [owner, other] = await Promise.all([newUser(), newUser()]);
    const mine = await subscribe(owner);
    expect((await call('DELETE', '/api/push/subscriptions', { token: other.token, body: { endpoint: mine.endpoint } })).status).toBe(204);
    expect(await testPush(owner)).toEqual({ subscriptions: 1, delivered: 1 });
    expect((await call('DELETE', '/api/push/subscriptions', { token: owner.token, body: {} })).status).toBe(400);
    expect((await call('DELETE', '/api/push/subscriptions', { token: owner.token, body: { endpoint: mine.endpoint } })).status).toBe(204);
    expect(await testPush(owner)).toEqual({ subscriptions: 0, delivered: 0 });
    // Deleting what is not there is still 204.
    expect((await call('DELETE', '/api/push/subscriptions', { token: owner.token, body: { endpoint: mine.endpoint } })).status).toBe(204);
    await push.take(mine.name, 1, 10_000);
  });

  it('end with the session that registered them', async () => {
    const user = await newUser();
    const phoneSession = await signInToken(user.username, user.password);
    const phone = { ...user, token: phoneSession };
    const laptop = await subscribe(user);
    const onPhone = await subscribe(phone);
    expect(await testPush(user)).toEqual({ subscriptions: 2, delivered: 2 });
    expect((await call('POST', '/api/auth/logout', { token: phoneSession })).status).toBe(204);
    expect(await testPush(user)).toEqual({ subscriptions: 1, delivered: 1 });
    await push.take(laptop.name, 2, 10_000);
    await push.take(onPhone.name, 1, 10_000);
    await push.none(onPhone.name, 300);
  });
});

describe('settings', () => {
  it('PUT /api/conversations/:id/notify sets my level only, tells my other sockets, and refuses other levels', async () => {
    const [me, them] = await Promise.all([newUser(), newUser()]);
    const id = await group(me, [them]);
    const mySocket = await connect({ token: me.token });
    const theirSocket = await connect({ token: them.token });
    const theirs = collect(theirSocket, 'conversation:updated');
    const updated = nextEvent(mySocket, 'conversation:updated', (c) => c.id === id);
    const reply = await call('PUT', `/api/conversations/${id}/notify`, { token: me.token, body: { level: 'mentions' } });
    expect(reply.status).toBe(200);
    expect(reply.body.conversation).toMatchObject({ id, notify: 'mentions' });
    expect(await updated).toMatchObject({ id, notify: 'mentions' });
    expect((await call('GET', `/api/conversations/${id}`, { token: me.token })).body.conversation.notify).toBe('mentions');
    expect((await call('GET', `/api/conversations/${id}`, { token: them.token })).body.conversation.notify).toBe('all');
    const list = await call('GET', '/api/conversations', { token: me.token });
    expect(list.body.items.find((c: { id: string }) => c.id === id).notify).toBe('mentions');
    for (const body of [{ level: 'some' }, { level: null }, {}, { level: 'ALL' }]) {
      const bad = await call('PUT', `/api/conversations/${id}/notify`, { token: me.token, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
    }
    await sleep(200);
    expect(theirs.stop()).toEqual([]);
    expect((await call('GET', `/api/conversations/${id}`, { token: me.token })).body.conversation.notify).toBe('mentions');
  });

  it('PATCH /api/users/me turns do not disturb on, on until a time, and off; it refuses past, far and doubled settings', async () => {
    const user = await newUser();
    expect((await call('GET', '/api/users/me', { token: user.token })).body.user).toMatchObject({ dnd: false, dndUntil: null });
    expect((await patchMe(user, { dnd: true })).body.user).toMatchObject({ dnd: true, dndUntil: null });
    const until = new Date(Date.now() + 3600_000).toISOString();
    expect((await patchMe(user, { dndUntil: until })).body.user).toMatchObject({ dnd: true, dndUntil: until });
    expect((await patchMe(user, { dnd: false })).body.user).toMatchObject({ dnd: false, dndUntil: null });
    const bad: Record<string, unknown>[] = [
      { dndUntil: new Date(Date.now() - 60_000).toISOString() },
      { dndUntil: new Date(Date.now() + 400 * 24 * 3600_000).toISOString() },
      { dndUntil: 'tomorrow' },
      { dnd: 'yes' },
      { dnd: true, dndUntil: until },
    ];
    for (const body of bad) {
      const reply = await patchMe(user, body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body.error.code).toBe('validation_failed');
    }
    expect((await call('GET', '/api/users/me', { token: user.token })).body.user).toMatchObject({ dnd: false, dndUntil: null });
  });
});
