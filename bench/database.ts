// Database baselines on the same PostgreSQL: raw single-row INSERTs, and the send transaction
// itself (next seq with UPDATE … RETURNING, then INSERT) in a pgbench-style loop.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { pipelinedTransaction } from '../db/client';
import { lockConversation, sendStatement } from '../lib/messages/statements';

async function loop(databaseUrl: string, connections: number, seconds: number, body: (sql: postgres.Sql, worker: number, i: number) => Promise<unknown>) {
  const sql = postgres(databaseUrl, { max: connections, onnotice: () => {} });
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  const start = performance.now();
  let done = 0;
  await Promise.all(
    Array.from({ length: connections }, async (_, w) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t = performance.now();
        await body(sql, w, i);
        latencies.push(performance.now() - t);
        done++;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  await sql.end();
  latencies.sort((a, b) => a - b);
  return { perSecond: Math.round(done / elapsed), p50: Math.round(latencies[Math.floor(latencies.length / 2)] * 100) / 100 };
}

export function rawInserts(databaseUrl: string, seconds: number, connections = 8) {
  return (async () => {
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin`create table if not exists bench_raw (id bigserial primary key, body text not null, created_at timestamptz not null default now())`;
    await admin.end();
    return loop(databaseUrl, connections, seconds, (sql, w, i) => sql`insert into bench_raw (body) values (${`raw ${w} ${i}`})`);
  })();
}

/** The same UPDATE + INSERT our send does, without HTTP, sockets, auth or events. */
export function sendTransactions(databaseUrl: string, targets: { conversationId: string; senderId: string }[], seconds: number, connections = 8) {
  return loop(databaseUrl, connections, seconds, (sql, w, i) => {
    const target = targets[(w * 7919 + i) % targets.length];
    return sql.begin(async (tx) => {
      const [{ last_seq }] =
        await tx`update conversations set last_seq = last_seq + 1, updated_at = now() where id = ${target.conversationId} returning last_seq`;
      await tx`insert into messages (conversation_id, seq, sender_id, body, client_id) values (${target.conversationId}, ${last_seq}, ${target.senderId}, 'txn', ${randomUUID()})`;
    });
  });
}

/** Our own send (lib/messages/statements.ts, pipelined as the server sends it) in the same loop: the ceiling of a send. */
export function sendStatements(databaseUrl: string, targets: { conversationId: string; senderId: string }[], seconds: number, connections = 8) {
  return loop(databaseUrl, connections, seconds, (sql, w, i) => {
    const target = targets[(w * 7919 + i) % targets.length];
    return pipelinedTransaction(sql, [
      [lockConversation, [target.conversationId]],
      [sendStatement, [target.conversationId, target.senderId, 'statement', randomUUID(), '[]', '[]', false, null]],
    ]);
  });
}
