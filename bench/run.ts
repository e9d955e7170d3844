// `npm run bench`: the built server against a fresh PostgreSQL database, measured next to
// baselines taken in the same run; tables on stdout, JSON under bench/results/.
//   BENCH_USERS (1000) connected users · BENCH_RATE (200) messages/s · BENCH_SECONDS (15) per run
//   BENCH_SIZES (100,1000,5000) users for the flatness runs · BENCH_HISTORY (1000000) messages
//   BENCH_SMOKE=1: a few seconds of everything, as `npm test` runs it
//   BENCH_ONLY (all) comma-separated parts: markdown,signin,accounts,delivery,saturation,rename,notifications,flatness,two,history,uploads
//     (markdown alone starts no server)
//   BENCH_SIGNIN_RATE (150) sign-ins/s of random usernames in the signin part's flood, for BENCH_SECONDS
//   BENCH_PROFILE=1: the server writes a V8 CPU profile to bench/results/profiles/ on exit
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { Socket } from 'socket.io-client';
import { hashPassword } from '../lib/auth/password';
import { checkResponse, recordValidatedCount } from '../tests/support/contract';
import { freePort, startServer, type RunningServer } from '../tests/support/server';
import { rawInserts, sendStatements, sendTransactions } from './database';
import { historyPages, seedHistory } from './history';
import { largeGroupRenames } from './large-group';
import { connectAll, runLoad, saturate, type LoadResult } from './load';
import { markdownBench } from './markdown';
import { notificationBench } from './notifications';
import { seed, type Seeded } from './seed';
import { signInFlood } from './signin';
import { summarize, table } from './stats';
import { uploadBench } from './uploads';

const smoke = process.env.BENCH_SMOKE === '1';
const num = (name: string, full: number, small: number) => Number(process.env[name] ?? (smoke ? small : full));
const USERS = num('BENCH_USERS', 1000, 40);
const RATE = num('BENCH_RATE', 200, 40);
const SECONDS = num('BENCH_SECONDS', 15, 2);
const HISTORY = num('BENCH_HISTORY', 1_000_000, 5_000);
const SIGNIN_RATE = num('BENCH_SIGNIN_RATE', 150, 30);
const SIZES = (process.env.BENCH_SIZES ?? (smoke ? '20' : '100,1000,5000')).split(',').map(Number);
const ONLY = process.env.BENCH_ONLY?.split(',');
const want = (part: string) => !ONLY || ONLY.includes(part);
const redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

async function measured<T>(pids: number[], run: () => Promise<T>): Promise<T & { cpuPercent: number; rssMiB: number }> {
  const before = pids.map(cpuTicks);
  const start = performance.now();
  const result = await run();
  const seconds = (performance.now() - start) / 1000;
  const ticks = pids.reduce((n, pid, i) => n + cpuTicks(pid) - before[i], 0);
  return { ...result, cpuPercent: Math.round((ticks / 100 / seconds) * 100), rssMiB: Math.round(pids.reduce((n, pid) => n + rssMiB(pid), 0)) };
}

/** A POST of the bench's own set-up; in the smoke run (`npm test`) its answer is checked against the OpenAPI document. */
async function post(url: string, body: unknown, token?: string) {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  if (smoke) await checkResponse(new URL(url).origin, 'POST', new URL(url).pathname, r.status, text ? JSON.parse(text) : null);
  if (!r.ok) throw new Error(`POST ${url}: ${r.status} ${text}`);
  return JSON.parse(text);
}

function closeAll(sockets: Socket[]) {
  for (const s of sockets) s.disconnect();
}

/** One sender, sequential sends, each waiting for its ack: the latency of a send itself. */
async function singleSenderAcks(socket: Socket, conversationId: string, n: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const reply = await socket.emitWithAck('message:send', {
      conversationId,
      body: `ack ${i}`,
      clientId: `ack-${i}-${Math.random().toString(36).slice(2, 8)}`,
    });
    samples.push(performance.now() - t);
    if (!reply.ok) throw new Error(`send refused: ${JSON.stringify(reply)}`);
  }
  return samples;
}

async function relayRun(seeded: Seeded): Promise<LoadResult & { acks: number[] }> {
  const port = await freePort();
  const file = path.join(os.tmpdir(), `relay-members-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(Object.fromEntries(seeded.conversations.map((c) => [c.id, c.members.map((m) => seeded.users[m].id)]))));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'relay.ts'), String(port), file], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  try {
    const sockets = await connectAll([`http://127.0.0.1:${port}`], seeded, (i) => ({ userId: seeded.users[i].id }));
    const acks = await singleSenderAcks(sockets[seeded.conversations[0].members[0]], seeded.conversations[0].id, smoke ? 50 : 1000);
    const result = await measured([child.pid!], () => runLoad(sockets, seeded, RATE, SECONDS));
    closeAll(sockets);
    return { ...result, acks };
  } finally {
    child.kill('SIGTERM');
  }
}

const row = (run: string, r: LoadResult & { cpuPercent?: number; rssMiB?: number }) => ({
  run,
  users: r.users,
  'msg/s': Math.round(r.acked / r.seconds),
  'p50 ms': r.latency.p50,
  'p90 ms': r.latency.p90,
  'p99 ms': r.latency.p99,
  'max ms': r.latency.max,
  delivered: `${r.deliveries}/${r.expectedDeliveries}`,
  errors: r.errors,
  'cpu %': r.cpuPercent ?? '',
  'rss MiB': r.rssMiB ?? '',
});

/** Lets the database finish what earlier phases left (dead rows, statistics) before measuring. */
async function settle(databaseUrl: string) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  await sql`vacuum analyze messages, conversations, conversation_members`;
  await sql.end();
}

/** argon2id cost and sign-in latency, right password next to an unknown user. */
async function accounts(server: RunningServer, hashes: number[]) {
  const signIns: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < (smoke ? 3 : 30); i++) {
    for (const [samples, username] of [
      [signIns, 'bench_signin'],
      [unknown, 'nobody_here'],
    ] as const) {
      const t = performance.now();
      await fetch(`${server.url}/api/auth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'bench password' }),
      });
      samples.push(performance.now() - t);
    }
  }
  const rows = [
    { measure: 'argon2id hash (19 MiB, t=2, p=1)', ...summarize(hashes) },
    { measure: 'POST /api/auth/token, right password', ...summarize(signIns) },
    { measure: 'POST /api/auth/token, unknown user', ...summarize(unknown) },
  ];
  console.log('\nAccounts (ms)\n' + table(rows));
  return rows;
}

/** Delivery at USERS users and RATE messages a second: ours, next to the bare relay. */
async function delivery(server: RunningServer, seeded: Seeded, sockets: Socket[], perSocketKiB: number, results: Record<string, unknown>) {
  const first = seeded.conversations[0];
  await singleSenderAcks(sockets[first.members[0]], first.id, smoke ? 10 : 200); // warm-up
  const ourAcks = summarize(await singleSenderAcks(sockets[first.members[0]], first.id, smoke ? 50 : 1000));
  const ours = await measured([server.process.pid!], () => runLoad(sockets, seeded, RATE, SECONDS));
  const relay = await relayRun(seeded);
  const relayAcks = summarize(relay.acks);
  console.log(
    '\nSocket ack latency, one sender, sequential (ms)\n' +
      table([
        { run: 'ours: message:send (stored before the ack)', ...ourAcks },
        { run: 'bare Socket.IO relay (baseline)', ...relayAcks },
      ]),
  );
  results.ack = { ours: ourAcks, relay: relayAcks };
  const rows = [row('ours (stored before delivery)', ours), row('bare Socket.IO relay (baseline)', relay)];
  console.log(
    `\nDelivery, send → receipt at every member socket, ${USERS} users, ${RATE} msg/s for ${SECONDS} s (memory per idle authenticated socket: ${perSocketKiB} KiB)\n` +
      table(rows),
  );
  console.log(`ratio ours / relay: p50 ${(ours.latency.p50 / relay.latency.p50).toFixed(1)}×, p99 ${(ours.latency.p99 / relay.latency.p99).toFixed(1)}×`);
  return { ours, relay: { ...relay, acks: undefined }, perSocketKiB };
}

/** Our sends as fast as they go, against the same transaction in a raw loop. */
async function saturation(server: RunningServer, seeded: Seeded, sockets: Socket[]) {
  const sat = await measured([server.process.pid!], () => saturate(sockets, seeded, smoke ? 2 : 10));
  const targets = seeded.conversations.map((c) => ({ conversationId: c.id, senderId: seeded.users[c.members[0]].id }));
  const txn = await sendTransactions(server.databaseUrl!, targets, smoke ? 2 : 10);
  const statement = await sendStatements(server.databaseUrl!, targets, smoke ? 2 : 10);
  const raw = await rawInserts(server.databaseUrl!, smoke ? 2 : 10);
  const rows = [
    { run: 'ours: message:send acks/s (64 senders, back to back)', 'per second': sat.acksPerSecond, 'p50 ms': '', errors: sat.errors, 'cpu %': sat.cpuPercent },
    { run: 'send transaction, raw loop (8 connections)', 'per second': txn.perSecond, 'p50 ms': txn.p50, errors: 0, 'cpu %': '' },
    { run: 'our send transaction, raw loop (8 connections)', 'per second': statement.perSecond, 'p50 ms': statement.p50, errors: 0, 'cpu %': '' },
    { run: 'single-row INSERT, raw loop (8 connections)', 'per second': raw.perSecond, 'p50 ms': raw.p50, errors: 0, 'cpu %': '' },
  ];
  const pct = (n: number) => `${Math.round((sat.acksPerSecond / n) * 100)} %`;
  console.log(
    `\nSaturation (target: ours ≥ 50 % of the raw send transaction; here ${pct(txn.perSecond)}, and ${pct(statement.perSecond)} of our own send transaction in a raw loop)\n` +
      table(rows),
  );
  return { ours: sat, sendTransaction: txn, sendStatement: statement, rawInsert: raw };
}

async function main() {
  const started = performance.now();
  console.log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}${smoke ? ' (smoke run)' : ''}`,
  );
  const results: Record<string, unknown> = {
    at: new Date().toISOString(),
    smoke,
    machine: { cpus: os.cpus().length, node: process.version },
    settings: { USERS, RATE, SECONDS, HISTORY, SIZES, SIGNIN_RATE },
  };

  // Markdown bodies built to be slow, parsed and rendered: no server.
  if (want('markdown')) results.markdown = await markdownBench(smoke ? 5 : 50);
  if (ONLY?.every((part) => part === 'markdown')) return written(results, started);

  // Accounts: argon2id cost and sign-in latency.
  const hashes: number[] = [];
  for (let i = 0; i < (smoke ? 3 : 20); i++) {
    const t = performance.now();
    await hashPassword(`password ${i}`);
    hashes.push(performance.now() - t);
  }

  // Sign-ins under a flood of unknown usernames, on a server of its own with rate limits on.
  if (want('signin')) {
    results.signInFlood = await signInFlood({
      rate: SIGNIN_RATE,
      seconds: SECONDS,
      warmUpSeconds: smoke ? 0.5 : 3,
      baselineSamples: smoke ? 10 : 200,
      accounts: smoke ? 2 : 4,
      floodTimeoutMs: 2000,
      realTimeoutMs: 30_000,
    });
  }

  const bootStart = performance.now();
  const profileDir = path.join(__dirname, 'results', 'profiles');
  const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const server = await startServer('bench', { RATE_LIMITS: 'off', LOG_LEVEL: 'warn' }, undefined, profile);
  const bootSeconds = (performance.now() - bootStart) / 1000;
  const servers: RunningServer[] = [server];
  try {
    await new Promise((r) => setTimeout(r, smoke ? 200 : 2000));
    const idleRss = rssMiB(server.process.pid!);
    await post(`${server.url}/api/auth/register`, { username: 'bench_signin', password: 'bench password' });
    results.boot = { seconds: bootSeconds, idleRssMiB: idleRss };
    console.log(`\nStart-up with a fresh database to the first healthy answer: ${bootSeconds.toFixed(2)} s; idle RSS ${idleRss.toFixed(0)} MiB`);

    if (want('accounts')) results.accounts = await accounts(server, hashes);

    const seeded = await seed(server.databaseUrl!, USERS);
    let oneProcessAcks: number | undefined;
    if (want('delivery') || want('saturation') || want('rename')) {
      const rssBefore = rssMiB(server.process.pid!);
      const sockets = await connectAll([server.url], seeded, (i) => ({ token: seeded.users[i].token }));
      await new Promise((r) => setTimeout(r, smoke ? 500 : 3000));
      const perSocketKiB = Math.round(((rssMiB(server.process.pid!) - rssBefore) * 1024) / USERS);
      if (want('delivery')) results.delivery = await delivery(server, seeded, sockets, perSocketKiB, results);
      if (want('saturation')) {
        results.saturation = await saturation(server, seeded, sockets);
        oneProcessAcks = (results.saturation as { ours: { acksPerSecond: number } }).ours.acksPerSecond;
      }
      if (want('rename')) {
        const renamed = await measured([server.process.pid!], () => largeGroupRenames(server.url, server.databaseUrl!, seeded, sockets, smoke ? 2 : 10));
        console.log(
          `\nRenaming a group of ${renamed.members} members, all online (${renamed.renames} renames)\n` +
            table([
              { measure: 'bytes of events per rename, all members', value: renamed.bytesPerRename.toLocaleString('en') },
              { measure: 'PATCH answered, p50 / p99 ms', value: `${renamed.requestMs.p50} / ${renamed.requestMs.p99}` },
              { measure: 'last member told, p50 / p99 ms', value: `${renamed.lastDeliveryMs.p50} / ${renamed.lastDeliveryMs.p99}` },
              { measure: 'server CPU %', value: renamed.cpuPercent },
            ]),
        );
        results.largeGroupRename = renamed;
      }
      closeAll(sockets);
    }

    if (want('notifications')) {
      // Two servers on the bench database, one with notifications off; the same 1,000-member group.
      const env = { RATE_LIMITS: 'off', LOG_LEVEL: 'warn', DATABASE_URL: server.databaseUrl!, NOTIFY_COALESCE_SECONDS: '1' };
      const on = await startServer('bench-notify-on', env, { dataDir: server.reuse.dataDir, database: null });
      const off = await startServer('bench-notify-off', { ...env, NOTIFICATIONS: 'off' }, { dataDir: server.reuse.dataDir, database: null });
      servers.push(on, off);
      const n = await notificationBench(
        server.databaseUrl!,
        seeded,
        { url: on.url, pid: on.process.pid! },
        { url: off.url, pid: off.process.pid! },
        smoke ? 4 : 40,
      );
      const ratio = (kind: 'plain' | 'all', p: 'p50' | 'p99') => `${Math.round((n.on[kind].lastMessageMs[p] / n.off[kind].lastMessageMs[p] - 1) * 100)} %`;
      const line = (label: string, side: 'on' | 'off', kind: 'plain' | 'all') => ({
        run: label,
        'last member, p50 / p99 ms': `${n[side][kind].lastMessageMs.p50} / ${n[side][kind].lastMessageMs.p99}`,
        'server CPU ms / message': n[side][kind].cpuMsPerMessage,
        notifications: n[side][kind].notifications,
      });
      console.log(
        `\nNotifications, a group of ${n.members} members all online at level mentions, ${n.messages} messages of each kind (target: message:new ≤ 10 % later with notifications on)\n` +
          table([
            line('plain message, notifications on', 'on', 'plain'),
            line('plain message, notifications off (baseline)', 'off', 'plain'),
            line('@all, notifications on (every member notified)', 'on', 'all'),
            line('@all, notifications off (baseline)', 'off', 'all'),
          ]) +
          `\nadded latency to the last member's message:new: plain p50 ${ratio('plain', 'p50')}, p99 ${ratio('plain', 'p99')}; @all p50 ${ratio('all', 'p50')}, p99 ${ratio('all', 'p99')}`,
      );
      results.notifications = n;
    }

    if (want('flatness')) {
      // The same rate at different numbers of connected users, each after two seconds of warm-up
      // and from a settled database (saturation leaves autovacuum work behind).
      await settle(server.databaseUrl!);
      const flat = [];
      for (const size of SIZES) {
        const s = await seed(server.databaseUrl!, size);
        const socks = await connectAll([server.url], s, (i) => ({ token: s.users[i].token }));
        await runLoad(socks, s, RATE, smoke ? 0.5 : 2);
        flat.push(row(`${size} users`, await measured([server.process.pid!], () => runLoad(socks, s, RATE, SECONDS))));
        closeAll(socks);
        await new Promise((r) => setTimeout(r, 1000));
      }
      console.log(`\nLatency as users grow, ${RATE} msg/s (target: p99 within 2× from the smallest to the largest)\n` + table(flat));
      results.flatness = flat;
    }

    if (want('two')) {
      // Two processes on Redis, half the users on each.
      const env = { RATE_LIMITS: 'off', LOG_LEVEL: 'warn', REDIS_URL: redisUrl, DATABASE_URL: server.databaseUrl! };
      const one = await startServer('bench-redis-1', env, { dataDir: server.reuse.dataDir, database: null });
      const two = await startServer('bench-redis-2', env, { dataDir: server.reuse.dataDir, database: null });
      servers.push(one, two);
      const split = await connectAll([one.url, two.url], seeded, (i) => ({ token: seeded.users[i].token }));
      const pair = await measured([one.process.pid!, two.process.pid!], () => runLoad(split, seeded, RATE, SECONDS));
      const pairSat = await measured([one.process.pid!, two.process.pid!], () => saturate(split, seeded, smoke ? 2 : 10));
      closeAll(split);
      console.log(`\nTwo processes with Redis, ${USERS} users split across them\n` + table([row('two processes', pair)]));
      console.log(`two processes, saturation: ${pairSat.acksPerSecond} acks/s${oneProcessAcks ? ` (one process: ${oneProcessAcks})` : ''}`);
      results.twoProcesses = { delivery: pair, saturation: pairSat };
    }

    if (want('history')) {
      // History pages at the newest, middle and oldest of HISTORY messages.
      const { token, user } = await post(`${server.url}/api/auth/token`, { username: 'bench_signin', password: 'bench password' });
      const { conversation } = await post(`${server.url}/api/conversations`, { type: 'group', title: 'history', memberIds: [] }, token);
      const seedSeconds = await seedHistory(server.databaseUrl!, conversation.id, user.id, HISTORY);
      const history = await historyPages(server.url, conversation.id, token, HISTORY, smoke ? 1 : 10);
      console.log(
        `\nHistory page of 50 (autocannon; target p99 ≤ 10 ms), ${HISTORY.toLocaleString('en')} messages seeded in ${seedSeconds.toFixed(1)} s\n` +
          table(history),
      );
      results.history = { messages: HISTORY, rows: history };
    }

    if (want('uploads')) {
      const up = await uploadBench(smoke);
      console.log(
        `\nUploads of ${up.sizeMiB} MiB, raw body, one at a time (target: ≥ 70 % of the baseline; RSS growth ≤ 32 MiB)\n` +
          table([
            { measure: 'local disk: raw write from this process, MiB/s', value: up.local.rawWriteMiBps },
            { measure: 'local disk: a bare Node HTTP server piping to it, MiB/s', value: up.local.bareHttpMiBps },
            {
              measure: 'local disk: POST /api/uploads, MiB/s',
              value: `${up.local.uploadMiBps} (${Math.round(up.local.ratio * 100)} % of raw, ${Math.round(up.local.ratioToHttp * 100)} % of bare HTTP)`,
            },
            { measure: 'S3 (s3rver): the SDK’s own multipart PUT, MiB/s', value: up.s3.sdkPutMiBps },
            { measure: 'S3 (s3rver): POST /api/uploads, MiB/s', value: `${up.s3.uploadMiBps} (${Math.round(up.s3.ratio * 100)} %)` },
            {
              measure: `server RSS growth, ${up.rss.uploadMiB} MiB upload to disk, MiB`,
              value: `${up.rss.growthMiB} (${up.rss.beforeMiB} → ${up.rss.peakMiB})`,
            },
            {
              measure: `server RSS growth, ${up.s3.rss.uploadMiB} MiB upload to S3, MiB`,
              value: `${up.s3.rss.growthMiB} (${up.s3.rss.beforeMiB} → ${up.s3.rss.peakMiB})`,
            },
          ]) +
          `\n\nImage work per upload (upload of the image − upload of as many random bytes)\n` +
          table(
            up.thumbnails.map((t) => ({
              image: t.image,
              MiB: (t.bytes / 2 ** 20).toFixed(1),
              'upload ms': t.uploadMs,
              'plain ms': t.plainMs,
              'image work ms': t.imageWorkMs,
            })),
          ),
      );
      results.uploads = up;
    }
  } finally {
    for (const s of servers.reverse()) await s.stop().catch(() => {});
  }
  written(results, started);
}

function written(results: Record<string, unknown>, started: number) {
  mkdirSync(path.join(__dirname, 'results'), { recursive: true });
  const file = path.join(__dirname, 'results', `bench-${smoke ? 'smoke-' : ''}${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  if (smoke) recordValidatedCount('bench');
  console.log(`\nWritten ${path.relative(process.cwd(), file)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
