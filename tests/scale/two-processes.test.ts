// Two server processes on one database and one Redis, as behind a load balancer: events,
// revocation and rate limits cross from one process to the other.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, closeSockets, connectTo, newAccount, nextEvent } from '../support/remote';
import { startServer, type RunningServer } from '../support/server';

/** A short presence TTL, so a killed process's users lapse within seconds. */
const TTL_SECONDS = 3;

const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let one: RunningServer;
let two: RunningServer;

// Several processes need a database server: embedded PGlite belongs to one process.
process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

beforeAll(async () => {
  const env = { REDIS_URL: redisUrl, RATE_LIMIT_REGISTER_PER_HOUR: '1000', PRESENCE_TTL_SECONDS: String(TTL_SECONDS) };
  one = await startServer('scale-1', env);
  // The second process shares the first one's database and data directory (its auth secret).
  two = await startServer('scale-2', { ...env, DATABASE_URL: one.databaseUrl! }, { dataDir: one.reuse.dataDir, database: null });
});

afterAll(async () => {
  closeSockets();
  await two?.stop().catch(() => {});
  await one?.stop();
});

describe('two processes', () => {
  it('deliver a socket send on one process to a member connected to the other, and a REST send back', async () => {
    const [a, b] = [await newAccount(one), await newAccount(two)];
    const { body } = await api(one, 'POST', '/api/conversations', { type: 'direct', userId: b.id }, a.token);
    const onOne = await connectTo(one, a.token);
    const onTwo = await connectTo(two, b.token);
    const arrived = nextEvent(onTwo, 'message:new');
    const reply = await onOne.emitWithAck('message:send', { conversationId: body.conversation.id, body: 'across', clientId: randomUUID() });
    expect(reply.ok).toBe(true);
    expect(await arrived).toMatchObject({ id: reply.message.id, body: 'across' });

    const back = nextEvent(onOne, 'message:new');
    const sent = await api(two, 'POST', `/api/conversations/${body.conversation.id}/messages`, { body: 'and back' }, b.token);
    expect(sent.status).toBe(201);
    expect(await back).toMatchObject({ body: 'and back', seq: 2 });
  });

  it('disconnect a session’s sockets on every process when it logs out on one', async () => {
    const a = await newAccount(one);
    const onOne = await connectTo(one, a.token);
    const onTwo = await connectTo(two, a.token);
    const gone = Promise.all([nextEvent(onOne, 'disconnect'), nextEvent(onTwo, 'disconnect')]);
    expect((await api(two, 'POST', '/api/auth/logout', undefined, a.token)).status).toBe(204);
    await gone;
    expect((await api(one, 'GET', '/api/users/me', undefined, a.token)).status).toBe(401);
  });

  it('share rate limits: sign-in attempts on both processes count against one budget', async () => {
    const a = await newAccount(one);
    const ip = '10.77.0.1';
    for (let i = 0; i < 10; i++) {
      const server = i % 2 ? two : one;
      expect((await api(server, 'POST', '/api/auth/token', { username: a.username, password: 'wrong password' }, undefined, ip)).status).toBe(401);
    }
    expect((await api(two, 'POST', '/api/auth/token', { username: a.username, password: 'remote password' }, undefined, ip)).status).toBe(429);
    expect((await api(one, 'POST', '/api/auth/token', { username: a.username, password: 'remote password' }, undefined, ip)).status).toBe(429);
  });

  it('show presence across processes, and mark a killed process’s users offline within the presence TTL, telling their contacts', async () => {
    const [a, b] = [await newAccount(one), await newAccount(two)];
    await api(one, 'POST', '/api/conversations', { type: 'direct', userId: b.id }, a.token);
    const watcher = await connectTo(two, b.token);
    const online = nextEvent(watcher, 'presence', (p) => p.userId === a.id && p.online);
    await connectTo(one, a.token);
    expect(await online).toMatchObject({ userId: a.id, online: true });
    expect((await api(two, 'GET', `/api/users/${a.id}`, undefined, b.token)).body.user.online).toBe(true);

    const offline = nextEvent(watcher, 'presence', (p) => p.userId === a.id && !p.online, 15_000).then((p) => ({ ...p, at: Date.now() }));
    await one.kill('SIGKILL');
    const killedAt = Date.now();
    let stillOnline = true;
    while (stillOnline && Date.now() - killedAt < 15_000) {
      await new Promise((r) => setTimeout(r, 250));
      stillOnline = (await api(two, 'GET', `/api/users/${a.id}`, undefined, b.token)).body.user.online;
    }
    expect(stillOnline).toBe(false);
    // Offline within a couple of TTLs, not stuck online. The bounds are in TTLs with room for a
    // loaded 2-core machine: the property is "lapses with the TTL", not an exact time.
    const ttl = TTL_SECONDS * 1000;
    expect(Date.now() - killedAt).toBeLessThan(2 * ttl + 2_000);
    // The survivor's sweep (every half TTL, once the entries lapsed) tells the contacts, and records
    // when a was last known to be online: its last heartbeat, within a TTL before the kill.
    const event = await offline;
    expect(event.at - killedAt).toBeLessThan(3 * ttl + 2_000);
    expect(new Date(event.lastSeenAt).getTime()).toBeGreaterThan(killedAt - ttl - 1_000);
    expect(new Date(event.lastSeenAt).getTime()).toBeLessThanOrEqual(killedAt + 1_000);
    expect((await api(two, 'GET', `/api/users/${a.id}`, undefined, b.token)).body.user).toMatchObject({ online: false, lastSeenAt: event.lastSeenAt });
    // The people on the surviving process carry on.
    const conversation = (await api(two, 'GET', '/api/conversations', undefined, b.token)).body.items[0];
    const arrived = nextEvent(watcher, 'message:new');
    expect((await api(two, 'POST', `/api/conversations/${conversation.id}/messages`, { body: 'still here' }, b.token)).status).toBe(201);
    expect(await arrived).toMatchObject({ body: 'still here' });
  });
});
