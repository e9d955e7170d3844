// Graceful shutdown: while clients send a burst of 1,000 messages, one of two processes gets
// SIGTERM. It finishes and acknowledges what is in flight, tells its clients to go, and exits 0;
// the clients move to the other process, resend what was not acknowledged (same clientIds) and
// catch up. Every acknowledged message is stored exactly once, and every client ends up seeing
// every message exactly once, in seq order.
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, expect, it } from 'vitest';
import { watchSocket } from '../support/socket-contract';
import { startServer, type RunningServer } from '../support/server';

process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const TOTAL = 1000;
const CLIENTS = 4;
const TERM_AFTER = 300;

const servers: RunningServer[] = [];
afterAll(async () => {
  for (const s of servers.reverse()) await s.stop().catch(() => {});
});

type Message = { id: string; seq: number; clientId: string };

async function post(url: string, body: unknown, token?: string) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return r.json();
}

it(`SIGTERM on one of two processes during a burst of ${TOTAL}: nothing lost, nothing twice, every client ends with every seq from 1 to ${TOTAL}`, async () => {
  const env = { REDIS_URL: redisUrl, RATE_LIMITS: 'off' };
  const one = await startServer('graceful-1', env);
  const two = await startServer('graceful-2', { ...env, DATABASE_URL: one.databaseUrl! }, { dataDir: one.reuse.dataDir, database: null });
  servers.push(one, two);

  const users = [];
  for (let i = 0; i < CLIENTS; i++) {
    const username = `graceful_${i}_${randomUUID().slice(0, 6)}`;
    await post(`${one.url}/api/auth/register`, { username, password: 'graceful password' });
    users.push(await post(`${one.url}/api/auth/token`, { username, password: 'graceful password' }));
  }
  const { conversation } = await post(
    `${one.url}/api/conversations`,
    { type: 'group', title: 'Graceful', memberIds: users.slice(1).map((u) => u.user.id) },
    users[0].token,
  );

  const acked = new Map<string, Message>();
  let terminated: Promise<number | null> | undefined;

  /** A client behind a load balancer: on process one until it goes, then on process two. */
  async function client(token: string, index: number) {
    const pending = Array.from({ length: TOTAL / CLIENTS }, (_, i) => ({ clientId: randomUUID(), body: `c${index} m${i}` }));
    const seen = new Map<number, Message>();
    let receivedTwice = 0;
    for (const server of [one, two]) {
      const socket: Socket = watchSocket(io(server.url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true }));
      socket.on('message:new', (m: Message) => {
        if (seen.has(m.seq)) receivedTwice++;
        seen.set(m.seq, m);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      while (pending.length > 0 && socket.connected) {
        const batch = pending.slice(0, 4);
        const replies = await Promise.allSettled(batch.map((m) => socket.timeout(5000).emitWithAck('message:send', { conversationId: conversation.id, ...m })));
        replies.forEach((r, i) => {
          if (r.status === 'fulfilled' && r.value.ok) {
            acked.set(batch[i].clientId, r.value.message);
            pending.splice(pending.indexOf(batch[i]), 1);
            if (!terminated && acked.size >= TERM_AFTER) terminated = one.kill('SIGTERM');
          }
        });
      }
      if (pending.length === 0) {
        // Stay a moment for the last live events, then catch up over REST like a reconnecting client.
        await new Promise((r) => setTimeout(r, 500));
        socket.disconnect();
        break;
      }
      socket.disconnect();
    }
    let after = 0;
    while (seen.has(after + 1)) after++;
    for (;;) {
      const r = await fetch(`${two.url}/api/conversations/${conversation.id}/messages?after=${after}&limit=100`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const page = (await r.json()) as { items: Message[]; hasMore: boolean };
      for (const m of page.items) seen.set(m.seq, m);
      if (!page.hasMore || page.items.length === 0) break;
      after = page.items.at(-1)!.seq;
    }
    return { seen, receivedTwice, unsent: pending.length };
  }

  const results = await Promise.all(users.map((u, i) => client(u.token, i)));
  const exitCode = await terminated;
  expect(exitCode).toBe(0);
  for (const r of results) {
    expect(r.unsent).toBe(0);
    expect(r.receivedTwice).toBe(0);
    const seqs = [...r.seen.keys()].sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
  }
  // Stored exactly once: every acknowledged clientId once, with the seq it was acknowledged with.
  const stored = [...results[0].seen.values()];
  const byClient = new Map(stored.map((m) => [m.clientId, m]));
  expect(byClient.size).toBe(TOTAL);
  for (const [clientId, m] of acked) expect(byClient.get(clientId)).toMatchObject({ id: m.id, seq: m.seq });
  console.log(`graceful: SIGTERM after ${TERM_AFTER} acks; process one exited ${exitCode}; ${acked.size} acked, ${stored.length} stored, 0 lost, 0 duplicated`);
});
