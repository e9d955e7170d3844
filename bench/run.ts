// `npm run bench`: the built server against a fresh PostgreSQL database, measured next to
// baselines taken in the same run. Prints tables and writes JSON under bench/results/.
//   BENCH_SENDS (default 2000)    sequential socket sends for the ack-latency run
//   BENCH_HISTORY (default 100000) messages bulk-seeded for the history run
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { readFileSync } from 'node:fs';
import { hashPassword } from '../lib/auth/password';
import { startServer } from '../tests/support/server';
import { summarize, table, type Summary } from './stats';

const SENDS = Number(process.env.BENCH_SENDS ?? 2000);
const HISTORY = Number(process.env.BENCH_HISTORY ?? 100_000);
process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function json(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

function connect(url: string, auth?: object): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], auth, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function timedAcks(socket: Socket, event: string, payload: (i: number) => unknown, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const reply = await socket.emitWithAck(event, payload(i));
    samples.push(performance.now() - start);
    if (reply?.ok === false) throw new Error(`${event} refused: ${JSON.stringify(reply)}`);
  }
  return samples;
}

/** The transport's ceiling: a bare Socket.IO server that acks at once, no auth, no database. */
async function bareRelayAcks(n: number): Promise<number[]> {
  const http = createServer();
  const relay = new Server(http);
  relay.on('connection', (s) => s.on('message:send', (_p, ack) => ack({ ok: true })));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const socket = await connect(`http://127.0.0.1:${(http.address() as { port: number }).port}`);
  const samples = await timedAcks(socket, 'message:send', (i) => ({ body: `m${i}`, clientId: `c${i}` }), n);
  socket.disconnect();
  relay.close();
  return samples;
}

async function main() {
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  // 0. Accounts: argon2id cost, start-up, idle memory, sign-in latency.
  const hashes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await hashPassword(`password ${i}`);
    hashes.push(performance.now() - start);
  }
  const bootStart = performance.now();
  const server = await startServer('bench', { RATE_LIMITS: 'off', LOG_LEVEL: 'warn' });
  const bootMs = performance.now() - bootStart;
  try {
    const base = server.url;
    await new Promise((r) => setTimeout(r, 2000));
    const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))![1]) / 1024;
    const users = [];
    for (const name of ['bench_a', 'bench_b']) {
      await json(`${base}/api/auth/register`, { method: 'POST', body: JSON.stringify({ username: name, password: 'bench password' }) });
      users.push(await json(`${base}/api/auth/token`, { method: 'POST', body: JSON.stringify({ username: name, password: 'bench password' }) }));
    }
    const auth = { authorization: `Bearer ${users[0].token}` };
    const signIns: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 30; i++) {
      for (const [samples, username, password] of [[signIns, 'bench_a', 'bench password'], [wrong, 'nobody_here', 'bench password']] as const) {
        const start = performance.now();
        await fetch(`${base}/api/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
        samples.push(performance.now() - start);
      }
    }
    const accountRows = [
      { measure: 'argon2id hash (19 MiB, t=2, p=1)', ...summarize(hashes) },
      { measure: 'POST /api/auth/token, right password', ...summarize(signIns) },
      { measure: 'POST /api/auth/token, unknown user', ...summarize(wrong) },
    ];
    console.log(`\nStart-up (fresh database, migrations, built app) to first healthy answer: ${(bootMs / 1000).toFixed(2)} s; idle RSS ${rssMiB.toFixed(0)} MiB`);
    console.log('\nAccounts (ms)\n' + table(accountRows));
    const { conversation } = await json(`${base}/api/conversations`, { method: 'POST', headers: auth, body: JSON.stringify({ type: 'direct', userId: users[1].user.id }) });

    // 1. Ack latency for one sender: socket send → stored → acked, against the bare relay.
    const warm = await connect(base, { token: users[0].token });
    await timedAcks(warm, 'message:send', (i) => ({ conversationId: conversation.id, body: `warm ${i}`, clientId: `warm-${i}` }), 200);
    const ours = summarize(await timedAcks(warm, 'message:send', (i) => ({ conversationId: conversation.id, body: `message ${i}`, clientId: `bench-${i}` }), SENDS));
    warm.disconnect();
    const relay = summarize(await bareRelayAcks(SENDS));

    // 2. History pages in a conversation of HISTORY messages, bulk-seeded with SQL.
    const sql = postgres(server.databaseUrl!, { max: 1, onnotice: () => {} });
    const { conversation: big } = await json(`${base}/api/conversations`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ type: 'group', title: 'history', memberIds: [users[1].user.id] }),
    });
    const seedStart = performance.now();
    await sql`insert into messages (conversation_id, seq, sender_id, body, created_at)
      select ${big.id}, g, ${users[0].user.id}, 'history message ' || g, now() - (${HISTORY} - g) * interval '1 second'
      from generate_series(1, ${HISTORY}) g`;
    await sql`update conversations set last_seq = ${HISTORY} where id = ${big.id}`;
    await sql`analyze messages`;
    const seedMs = performance.now() - seedStart;
    await sql.end();
    const positions = { newest: '', middle: `&before=${Math.floor(HISTORY / 2)}`, oldest: '&after=0' };
    const history: Record<string, Summary> = {};
    for (const [name, query] of Object.entries(positions)) {
      const url = `${base}/api/conversations/${big.id}/messages?limit=50${query}`;
      for (let i = 0; i < 20; i++) await json(url, { headers: auth });
      const samples = [];
      for (let i = 0; i < 300; i++) {
        const start = performance.now();
        await json(url, { headers: auth });
        samples.push(performance.now() - start);
      }
      history[name] = summarize(samples);
    }

    const ackRows = [
      { run: `our message:send ack (${SENDS} sequential)`, ...ours },
      { run: 'bare Socket.IO relay ack (baseline)', ...relay },
      { run: 'ratio ours / baseline (p50)', n: '', p50: (ours.p50 / relay.p50).toFixed(1) + '×', p90: '', p99: (ours.p99 / relay.p99).toFixed(1) + '×', max: '', mean: '' },
    ];
    const historyRows = Object.entries(history).map(([position, s]) => ({ page: `${position} (50 of ${HISTORY.toLocaleString('en')})`, ...s }));
    console.log('\nSocket ack latency, one sender (ms)\n' + table(ackRows));
    console.log(`\nHistory page GET, ${HISTORY.toLocaleString('en')} messages seeded in ${(seedMs / 1000).toFixed(1)} s (ms, 300 requests each)\n` + table(historyRows));
    const file = path.join(__dirname, 'results', `messaging-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine: { cpus: os.cpus().length, node: process.version }, boot: { ms: bootMs, rssMiB }, accounts: accountRows, ack: { ours, relay }, history }, null, 2));
    console.log(`\nWritten ${path.relative(process.cwd(), file)}`);
  } finally {
    await server.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
