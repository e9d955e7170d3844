// The load driver: connect every seeded user, send at a target rate into random conversations,
// and record for every message the time from send to receipt at every member socket.
import * as hdr from 'hdr-histogram-js';
import { io, type Socket } from 'socket.io-client';
import type { Seeded } from './seed';

export type LoadResult = {
  users: number;
  sent: number;
  acked: number;
  errors: number;
  deliveries: number;
  expectedDeliveries: number;
  seconds: number;
  latency: { p50: number; p90: number; p99: number; max: number };
};

export async function connectAll(urls: string[], seeded: Seeded, authOf: (i: number) => object): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < seeded.users.length; i += 100) {
    const batch = seeded.users.slice(i, i + 100).map(
      (_, j) =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(urls[(i + j) % urls.length], { transports: ['websocket'], auth: authOf(i + j), reconnection: false, forceNew: true });
          s.once('connect', () => resolve(s));
          s.once('connect_error', reject);
        }),
    );
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

/** Sends `rate` messages a second for `seconds`, then waits for the stragglers. */
export async function runLoad(sockets: Socket[], seeded: Seeded, rate: number, seconds: number): Promise<LoadResult> {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: 3 });
  const sentAt = new Map<string, number>();
  let deliveries = 0;
  let expectedDeliveries = 0;
  let acked = 0;
  let errors = 0;
  for (const s of sockets) {
    s.on('message:new', (m: { clientId: string }) => {
      const t = sentAt.get(m.clientId);
      if (t === undefined) return;
      histogram.recordValue(Math.max(1, Math.round((performance.now() - t) * 1000))); // microseconds
      deliveries++;
    });
  }
  let sent = 0;
  const started = performance.now();
  const tickMs = 10;
  const perTick = rate / (1000 / tickMs);
  let budget = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      if (performance.now() - started >= seconds * 1000) {
        clearInterval(timer);
        return resolve();
      }
      budget += perTick;
      while (budget >= 1) {
        budget--;
        const c = seeded.conversations[Math.floor(Math.random() * seeded.conversations.length)];
        const sender = c.members[Math.floor(Math.random() * c.members.length)];
        const clientId = `load-${sent}-${Math.random().toString(36).slice(2, 8)}`;
        sentAt.set(clientId, performance.now());
        expectedDeliveries += c.members.length;
        sent++;
        sockets[sender]
          .timeout(10_000)
          .emitWithAck('message:send', { conversationId: c.id, body: `load ${sent}`, clientId })
          .then((r: { ok: boolean }) => (r.ok ? acked++ : errors++))
          .catch(() => errors++);
      }
    }, tickMs);
  });
  const elapsed = (performance.now() - started) / 1000;
  const settle = performance.now();
  while ((deliveries < expectedDeliveries || acked + errors < sent) && performance.now() - settle < 10_000) await new Promise((r) => setTimeout(r, 50));
  for (const s of sockets) s.off('message:new');
  const ms = (us: number) => Math.round(us / 10) / 100;
  return {
    users: sockets.length,
    sent,
    acked,
    errors,
    deliveries,
    expectedDeliveries,
    seconds: Math.round(elapsed * 10) / 10,
    latency: {
      p50: ms(histogram.getValueAtPercentile(50)),
      p90: ms(histogram.getValueAtPercentile(90)),
      p99: ms(histogram.getValueAtPercentile(99)),
      max: ms(histogram.maxValue),
    },
  };
}

/** Saturation: every socket sends back-to-back, waiting for each ack, for `seconds`. */
export async function saturate(sockets: Socket[], seeded: Seeded, seconds: number, senders = 64): Promise<{ acksPerSecond: number; errors: number }> {
  const deadline = performance.now() + seconds * 1000;
  let acks = 0;
  let errors = 0;
  const workers = Array.from({ length: Math.min(senders, seeded.conversations.length) }, async (_, w) => {
    const c = seeded.conversations[w];
    const socket = sockets[c.members[0]];
    for (let i = 0; performance.now() < deadline; i++) {
      const r = await socket
        .timeout(10_000)
        .emitWithAck('message:send', { conversationId: c.id, body: `sat ${i}`, clientId: `sat-${w}-${i}-${Math.random().toString(36).slice(2, 6)}` })
        .catch(() => ({ ok: false }));
      if (r.ok) acks++;
      else errors++;
    }
  });
  const start = performance.now();
  await Promise.all(workers);
  return { acksPerSecond: Math.round(acks / ((performance.now() - start) / 1000)), errors };
}
