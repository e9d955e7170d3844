// A process that stalls for longer than the presence TTL (a long pause, a frozen VM) is taken for
// dead by the other, which tells its users' contacts they went offline; when it wakes, its users
// are still connected, so it announces them again and everyone reads them online.
import { randomUUID } from 'node:crypto';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, closeSockets, connectTo, newAccount, nextEvent } from '../support/remote';
import { startServer, type RunningServer } from '../support/server';

const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let one: RunningServer;
let two: RunningServer;

beforeAll(async () => {
  const env = { REDIS_URL: redisUrl, RATE_LIMIT_REGISTER_PER_HOUR: '1000', PRESENCE_TTL_SECONDS: '2' };
  one = await startServer('stall-1', env);
  two = await startServer('stall-2', { ...env, DATABASE_URL: one.databaseUrl! }, { dataDir: one.reuse.dataDir, database: null });
});

afterAll(async () => {
  closeSockets();
  one?.process.kill('SIGCONT');
  await two?.stop().catch(() => {});
  await one?.stop();
});

const presence = (socket: Socket, userId: string, online: boolean, timeoutMs: number) =>
  nextEvent<{ userId: string; online: boolean; lastSeenAt: string | null }>(socket, 'presence', (p) => p.userId === userId && p.online === online, timeoutMs);

describe('a stalled process', () => {
  it('is taken for dead while it stalls, and announces its still-connected users again when it wakes', async () => {
    const [a, b] = [await newAccount(one), await newAccount(two)];
    await api(one, 'POST', '/api/conversations', { type: 'direct', userId: b.id }, a.token);
    const watcher = await connectTo(two, b.token);
    const cameOnline = presence(watcher, a.id, true, 5_000);
    const socket = await connectTo(one, a.token);
    await cameOnline;

    const wentOffline = presence(watcher, a.id, false, 10_000);
    one.process.kill('SIGSTOP');
    try {
      expect((await wentOffline).lastSeenAt).not.toBeNull();
      expect((await api(two, 'GET', `/api/users/${a.id}`, undefined, b.token)).body.user.online).toBe(false);
    } finally {
      one.process.kill('SIGCONT');
    }

    // Awake again: a's socket never dropped, so a is announced and reads online everywhere.
    await presence(watcher, a.id, true, 5_000);
    expect(socket.connected).toBe(true);
    expect((await api(two, 'GET', `/api/users/${a.id}`, undefined, b.token)).body.user.online).toBe(true);
    const conversationId = (await api(two, 'GET', '/api/conversations', undefined, b.token)).body.items[0].id;
    const delivered = new Promise((resolve) => watcher.once('message:new', resolve));
    const sent = await socket.timeout(5_000).emitWithAck('message:send', { conversationId, body: 'back', clientId: randomUUID() });
    expect(sent, JSON.stringify(sent)).toMatchObject({ ok: true });
    expect(await delivered).toEqual(sent.message);
  });
});
