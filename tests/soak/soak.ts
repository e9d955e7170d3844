// `npm run test:soak`: 500 connected sockets through reconnect storms (all drop and come back
// within a second, several times) against one server. Passes when every message is delivered to
// every member after every storm, no socket is left behind (everyone shows offline at the end),
// and the server's memory grows less than the stated bound. Bounded in time; not part of CI.
import { readFileSync } from 'node:fs';
import { io, type Socket } from 'socket.io-client';
import { startServer } from '../support/server';

// PostgreSQL, as the bench uses: embedded PGlite shares the server's heap, and its growth and
// release over a few storms swamps the socket layer's figures.
process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const USERS = Number(process.env.SOAK_USERS ?? 500);
const STORMS = Number(process.env.SOAK_STORMS ?? 5);
const GROUP = 10;
const MEMORY_BOUND_MIB = 64;

const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function post(url: string, body: unknown, token?: string) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return r.json();
}

function connect(url: string, token: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function main() {
  const deadline = setTimeout(() => {
    console.error('soak: took longer than 10 minutes');
    process.exit(1);
  }, 10 * 60_000);
  const server = await startServer('soak', { RATE_LIMITS: 'off', LOG_LEVEL: 'warn' });
  const failures: string[] = [];
  try {
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < USERS; i++) {
      const username = `soak_${i}_${Date.now().toString(36)}`;
      await post(`${server.url}/api/auth/register`, { username, password: 'soak password' });
      const { token, user } = await post(`${server.url}/api/auth/token`, { username, password: 'soak password' });
      users.push({ id: user.id, token });
    }
    const groups: { id: string; members: number[] }[] = [];
    for (let g = 0; g * GROUP < USERS; g++) {
      const members = users.slice(g * GROUP, (g + 1) * GROUP).map((_, i) => g * GROUP + i);
      const { conversation } = await post(
        `${server.url}/api/conversations`,
        { type: 'group', title: `soak ${g}`, memberIds: members.slice(1).map((i) => users[i].id) },
        users[members[0]].token,
      );
      groups.push({ id: conversation.id, members });
    }

    let sockets = await Promise.all(users.map((u) => connect(server.url, u.token)));
    await new Promise((r) => setTimeout(r, 1000));
    const baseline = rss(server.process.pid!);
    console.log(`soak: ${USERS} sockets connected, server RSS ${baseline.toFixed(0)} MiB`);

    for (let storm = 1; storm <= STORMS; storm++) {
      for (const s of sockets) s.disconnect();
      const start = performance.now();
      sockets = await Promise.all(users.map((u) => connect(server.url, u.token)));
      const reconnectMs = performance.now() - start;
      // One message per group; every member's socket must receive it.
      let delivered = 0;
      const expected = groups.reduce((n, g) => n + g.members.length, 0);
      const arrivals = groups.flatMap((g) =>
        g.members.map(
          (i) =>
            new Promise<void>((resolve, reject) => {
              const timer = setTimeout(() => reject(new Error(`user ${i} missed storm ${storm}`)), 10_000);
              sockets[i].once('message:new', () => {
                clearTimeout(timer);
                delivered++;
                resolve();
              });
            }),
        ),
      );
      await Promise.all(
        groups.map((g) =>
          sockets[g.members[0]].emitWithAck('message:send', { conversationId: g.id, body: `storm ${storm}`, clientId: `storm-${storm}-${g.id}` }),
        ),
      );
      await Promise.allSettled(arrivals);
      const mem = rss(server.process.pid!);
      console.log(`soak: storm ${storm}: ${USERS} reconnected in ${reconnectMs.toFixed(0)} ms; delivered ${delivered}/${expected}; RSS ${mem.toFixed(0)} MiB`);
      if (delivered !== expected) failures.push(`storm ${storm}: delivered ${delivered} of ${expected}`);
      if (reconnectMs > 1000) console.log(`soak: note: the reconnect took ${reconnectMs.toFixed(0)} ms`);
    }

    for (const s of sockets) s.disconnect();
    await new Promise((r) => setTimeout(r, 1500));
    const final = rss(server.process.pid!);
    const growth = final - baseline;
    console.log(`soak: all disconnected; RSS ${final.toFixed(0)} MiB (growth ${growth.toFixed(0)} MiB, bound ${MEMORY_BOUND_MIB} MiB)`);
    if (growth > MEMORY_BOUND_MIB) failures.push(`memory grew ${growth.toFixed(0)} MiB`);
    const watcher = users[0].token;
    let stillOnline = 0;
    for (const u of users.filter((_, i) => i % 10 === 0)) {
      const r = await fetch(`${server.url}/api/users/${u.id}`, { headers: { authorization: `Bearer ${watcher}` } });
      if ((await r.json()).user.online) stillOnline++;
    }
    console.log(`soak: users still shown online after everyone left: ${stillOnline}`);
    if (stillOnline > 0) failures.push(`${stillOnline} users still online: leaked sockets`);
  } finally {
    await server.stop();
    clearTimeout(deadline);
  }
  console.log(failures.length === 0 ? 'soak: passed' : `soak: FAILED: ${failures.join('; ')}`);
  process.exit(failures.length === 0 ? 0 : 1);
}

void main();
