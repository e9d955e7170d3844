// What notifications cost the send path: one group of every seeded user (1,000 in a full run),
// all online, at the default level of a large group (`mentions`). For a plain message (nobody is
// notified, but every message is decided) and for one with @all (every member is notified, on
// every socket), the time from the send to the last member's `message:new`, and the server's CPU
// per message, with notifications on and off: two servers on one database, taking turns.
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import type { Socket } from 'socket.io-client';
import { connectAll } from './load';
import type { Seeded } from './seed';
import { summarize, type Summary } from './stats';

type Server = { url: string; pid: number };
export type NotificationRun = { lastMessageMs: Summary; notifications: number; cpuMsPerMessage: number };
export type NotificationBench = { members: number; messages: number; on: Record<Kind, NotificationRun>; off: Record<Kind, NotificationRun> };
type Kind = 'plain' | 'all';

const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

async function bigGroup(databaseUrl: string, seeded: Seeded): Promise<string> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const [{ id }] = await sql`insert into conversations (type, title) values ('group', 'notify bench') returning id`;
  const rows = seeded.users.map((u, i) => ({
    conversation_id: id,
    user_id: u.id,
    role: i === 0 ? 'owner' : 'member',
    notify: 'mentions',
    created_at: new Date(Date.now() + i),
  }));
  for (let i = 0; i < rows.length; i += 2000) await sql`insert into conversation_members ${sql(rows.slice(i, i + 2000))}`;
  await sql.end();
  return id;
}

/** Sends `n` messages one after another from the first member; each waits until every member has it. */
async function sendAndWait(sockets: Socket[], conversationId: string, body: string, n: number): Promise<{ lastMessageMs: number[]; notifications: number }> {
  const lastMessageMs: number[] = [];
  let notifications = 0;
  const counting = () => notifications++;
  for (const s of sockets) s.on('notification', counting);
  for (let i = 0; i < n; i++) {
    const clientId = `nb-${Date.now()}-${i}-${Math.random()}`;
    let heard = 0;
    let last = 0;
    const listeners = sockets.map((s) => {
      const listener = (m: { clientId: string | null }) => {
        if (m.clientId !== clientId) return;
        heard++;
        last = performance.now();
      };
      s.on('message:new', listener);
      return () => s.off('message:new', listener);
    });
    const started = performance.now();
    const reply = await sockets[0].emitWithAck('message:send', { conversationId, body: `${body} ${i}`, clientId });
    if (!reply.ok) throw new Error(`send: ${JSON.stringify(reply.error)}`);
    const deadline = Date.now() + 30_000;
    while (heard < sockets.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
    for (const off of listeners) off();
    if (heard < sockets.length) throw new Error(`message ${i}: ${heard} of ${sockets.length} members had it`);
    lastMessageMs.push(last - started);
  }
  // Let coalesced notifications of the last window arrive before counting.
  await new Promise((r) => setTimeout(r, 300));
  for (const s of sockets) s.off('notification', counting);
  return { lastMessageMs, notifications };
}

export async function notificationBench(databaseUrl: string, seeded: Seeded, on: Server, off: Server, messages: number): Promise<NotificationBench> {
  const conversationId = await bigGroup(databaseUrl, seeded);
  const samples = { on: { plain: [] as number[], all: [] as number[] }, off: { plain: [] as number[], all: [] as number[] } };
  const cpu = { on: { plain: 0, all: 0 }, off: { plain: 0, all: 0 } };
  const heard = { on: { plain: 0, all: 0 }, off: { plain: 0, all: 0 } };
  // Every member connected to both servers once; then turns of a few messages each, alternating,
  // so drift on a busy machine falls on both alike.
  const sockets = { on: await connectAll([on.url], seeded, (i) => ({ token: seeded.users[i].token })), off: [] as Socket[] };
  sockets.off = await connectAll([off.url], seeded, (i) => ({ token: seeded.users[i].token }));
  await new Promise((r) => setTimeout(r, 1000));
  const turns = 8;
  for (let turn = 0; turn < turns; turn++) {
    // Each side goes first every other turn: neither always follows the other's quiet.
    const order = [['on', on] as const, ['off', off] as const];
    for (const [side, server] of turn % 2 ? order.reverse() : order) {
      for (const kind of ['plain', 'all'] as const) {
        const before = cpuMs(server.pid);
        const run = await sendAndWait(sockets[side], conversationId, kind === 'all' ? '@all standup' : 'hello', Math.ceil(messages / turns));
        cpu[side][kind] += cpuMs(server.pid) - before;
        samples[side][kind].push(...run.lastMessageMs);
        heard[side][kind] += run.notifications;
        // Past the coalescing window, so each turn's first @all notifies at once again.
        await new Promise((r) => setTimeout(r, 1200));
      }
    }
  }
  for (const s of [...sockets.on, ...sockets.off]) s.disconnect();
  const result = (side: 'on' | 'off', kind: Kind): NotificationRun => ({
    lastMessageMs: summarize(samples[side][kind]),
    notifications: heard[side][kind],
    cpuMsPerMessage: Math.round((cpu[side][kind] / samples[side][kind].length) * 10) / 10,
  });
  return {
    members: seeded.users.length,
    messages: samples.on.plain.length,
    on: { plain: result('on', 'plain'), all: result('on', 'all') },
    off: { plain: result('off', 'plain'), all: result('off', 'all') },
  };
}
