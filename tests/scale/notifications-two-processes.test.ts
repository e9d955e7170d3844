// Notifications with two server processes on one database and one Redis: each message is decided
// once (one push, not one per process), a socket on the other process counts as connected (no
// push), bursts share one window across processes, and a read on one closes a push sent by the other.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPushService, type PushService } from '../support/pushService';
import { api, closeSockets, connectTo, newAccount, nextEvent, type Account } from '../support/remote';
import { startServer, type RunningServer } from '../support/server';

const WINDOW_MS = 1_000;
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let one: RunningServer;
let two: RunningServer;
let push: PushService;

// Several processes need a database server: embedded PGlite belongs to one process.
process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

beforeAll(async () => {
  push = await startPushService();
  const env = {
    REDIS_URL: redisUrl,
    RATE_LIMIT_REGISTER_PER_HOUR: '1000',
    PUSH_ALLOW_INSECURE_ENDPOINTS: 'true',
    NOTIFY_COALESCE_SECONDS: String(WINDOW_MS / 1000),
  };
  one = await startServer('notify-1', env);
  // The second process shares the first one's database and data directory (its auth secret and VAPID keys).
  two = await startServer('notify-2', { ...env, DATABASE_URL: one.databaseUrl! }, { dataDir: one.reuse.dataDir, database: null });
  // Every push, from either process, must be signed with the key the first one publishes.
  push.expectKey((await api(one, 'GET', '/api/server')).body.push.vapidPublicKey);
});

afterAll(async () => {
  closeSockets();
  await two?.stop().catch(() => {});
  await one?.stop();
  await push?.close();
});

afterEach(() => {
  expect(push.invalid().map((r) => `${r.name}: ${r.status} ${r.problem}`)).toEqual([]);
});

async function subscribe(server: RunningServer, user: Account, name: string) {
  const reply = await api(server, 'POST', '/api/push/subscriptions', push.newSubscription(name), user.token);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return name;
}

async function directBetween(server: RunningServer, a: Account, b: Account): Promise<string> {
  const reply = await api(server, 'POST', '/api/conversations', { type: 'direct', userId: b.id }, a.token);
  expect([200, 201]).toContain(reply.status);
  return reply.body.conversation.id;
}

async function sendVia(server: RunningServer, user: Account, conversationId: string, body: string) {
  const reply = await api(server, 'POST', `/api/conversations/${conversationId}/messages`, { body, clientId: randomUUID() }, user.token);
  expect(reply.status).toBe(201);
  return reply.body.message as { id: string; seq: number };
}

describe('notifications across two processes', () => {
  it('publish one VAPID key, which both sign with', async () => {
    const [a, b] = await Promise.all([api(one, 'GET', '/api/server'), api(two, 'GET', '/api/server')]);
    expect(a.body.push.vapidPublicKey).toEqual(expect.any(String));
    expect(b.body.push.vapidPublicKey).toBe(a.body.push.vapidPublicKey);
  });

  it('push a message once to a person with no socket, whichever process stored it', async () => {
    const [sender, away] = [await newAccount(one), await newAccount(two)];
    const endpoint = await subscribe(two, away, `away-${away.id}`);
    const id = await directBetween(one, sender, away);
    const first = await sendVia(one, sender, id, 'via one');
    const [pushed] = await push.take(endpoint, 1, 10_000);
    expect(pushed.payload).toMatchObject({ type: 'message', conversationId: id, messageId: first.id, count: 1 });
    // Past the window, so the next one is not held: sent through the other process, still one push.
    await push.none(endpoint, WINDOW_MS + 1_000);
    const second = await sendVia(two, sender, id, 'via two');
    expect((await push.take(endpoint, 1, 10_000))[0].payload).toMatchObject({ messageId: second.id, count: 1 });
    await push.none(endpoint, WINDOW_MS + 1_000);
    expect(push.requests(endpoint)).toHaveLength(2);
  });

  it('tell a person connected to the other process by socket, once, and push nothing', async () => {
    const [sender, listener] = [await newAccount(one), await newAccount(one)];
    const endpoint = await subscribe(one, listener, `listener-${listener.id}`);
    const id = await directBetween(one, sender, listener);
    const socket = await connectTo(two, listener.token);
    // Presence is shared through Redis: one sees the socket on two.
    const deadline = Date.now() + 5_000;
    while (!(await api(one, 'GET', `/api/users/${listener.id}`, undefined, sender.token)).body.user.online && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const heard: unknown[] = [];
    socket.on('notification', (n) => heard.push(n));
    const arrived = nextEvent(socket, 'notification', () => true, 10_000);
    const senderSocket = await connectTo(one, sender.token);
    const ack = await senderSocket.emitWithAck('message:send', { conversationId: id, body: 'across processes', clientId: randomUUID() });
    expect(ack.ok).toBe(true);
    expect(await arrived).toMatchObject({ conversationId: id, messageId: ack.message.id, count: 1, mention: true });
    await push.none(endpoint, 1_500);
    expect(heard).toHaveLength(1);
  });

  it('share one coalescing window: a burst sent through both processes is told twice, not per process', async () => {
    const [sender, away] = [await newAccount(one), await newAccount(two)];
    const endpoint = await subscribe(one, away, `burst-${away.id}`);
    const id = await directBetween(two, sender, away);
    const started = Date.now();
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await sendVia(i % 2 ? two : one, sender, id, `burst ${i}`));
    expect(Date.now() - started).toBeLessThan(WINDOW_MS);
    const told = await push.take(endpoint, 2, WINDOW_MS + 10_000);
    await push.none(endpoint, 2 * WINDOW_MS + 500);
    expect(told.map((r) => [r.payload.messageId, r.payload.count])).toEqual([
      [sent[0].id, 1],
      [sent[4].id, 4],
    ]);
  });

  it('close a pushed conversation when it is read through the other process', async () => {
    const [sender, away] = [await newAccount(one), await newAccount(two)];
    const endpoint = await subscribe(two, away, `reader-${away.id}`);
    const id = await directBetween(one, sender, away);
    const m = await sendVia(one, sender, id, 'read me');
    await push.take(endpoint, 1, 10_000);
    expect((await api(two, 'POST', `/api/conversations/${id}/read`, { seq: m.seq }, away.token)).status).toBe(204);
    expect((await push.take(endpoint, 1, 10_000))[0].payload).toEqual({ type: 'read', conversationId: id });
    await push.none(endpoint, 1_000);
  });
});
