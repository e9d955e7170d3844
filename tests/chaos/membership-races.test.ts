// A send racing a membership change that holds the conversation's lock, as removing or adding a
// member does: the send waits for it and then sees the membership it left behind. A member removed
// meanwhile can neither post nor hear the message; one added meanwhile hears it.
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api as apiOn, closeSockets, connectTo, newAccount, nextEvent } from '../support/remote';
import { startServer, type RunningServer } from '../support/server';

process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let server: RunningServer;
let sql: postgres.Sql;
const api = (method: string, path: string, body?: unknown, token?: string) => apiOn(server, method, path, body, token);
const user = () => newAccount(server);
const connect = (token: string) => connectTo(server, token);

beforeAll(async () => {
  server = await startServer('races', { RATE_LIMIT_REGISTER_PER_HOUR: '1000' });
  sql = postgres(server.databaseUrl!, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  closeSockets();
  await sql?.end();
  await server?.stop();
});

/** Holds the conversation's lock in a transaction that changes its members, until released. */
async function holdingLock(conversationId: string, change: (tx: postgres.TransactionSql) => Promise<unknown>) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = sql.begin(async (tx) => {
    await tx`select 1 from conversations where id = ${conversationId} for update`;
    await change(tx);
    locked();
    await released;
  });
  await isLocked;
  return { commit: async () => (release(), await done) };
}

/**
 * Resolves once a statement of the server's is waiting on a lock in this database: the proof that
 * the send is queued behind the transaction, rather than merely slow.
 */
async function sendWaitsOnLock(reply: Promise<unknown>): Promise<void> {
  let answered = false;
  void reply.then(() => (answered = true));
  const deadline = Date.now() + 10_000;
  for (;;) {
    const [{ waiting }] = await sql<{ waiting: number }[]>`
      select count(*)::int as waiting from pg_stat_activity
      where datname = current_database() and wait_event_type = 'Lock' and query like '%for update%'`;
    if (waiting > 0) break;
    if (answered) throw new Error('the send was answered without waiting for the lock');
    if (Date.now() > deadline) throw new Error('no statement waited on the lock within 10 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(answered).toBe(false);
}

describe('a send racing a membership change', () => {
  it('refuses a member removed while their send waited, and stores nothing', async () => {
    const [owner, removed] = [await user(), await user()];
    const { body } = await api('POST', '/api/conversations', { type: 'group', title: 'race', memberIds: [removed.id] }, owner.token);
    const id = body.conversation.id as string;
    const socket = await connect(removed.token);
    const lock = await holdingLock(id, (tx) => tx`delete from conversation_members where conversation_id = ${id} and user_id = ${removed.id}`);
    const reply = socket.emitWithAck('message:send', { conversationId: id, body: 'sent as I was removed', clientId: randomUUID() });
    try {
      await sendWaitsOnLock(reply);
    } finally {
      await lock.commit();
    }
    expect(await reply).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const history = await api('GET', `/api/conversations/${id}/messages`, undefined, owner.token);
    expect(history.body.items).toEqual([]);
    expect((await api('GET', `/api/conversations/${id}`, undefined, owner.token)).body.conversation.lastSeq).toBe(0);
  });

  it('tells the members as they are after the change: not the one removed, and the one added', async () => {
    const [owner, leaving, joining] = [await user(), await user(), await user()];
    const { body } = await api('POST', '/api/conversations', { type: 'group', title: 'race', memberIds: [leaving.id] }, owner.token);
    const id = body.conversation.id as string;
    const [sender, left, joined] = await Promise.all([connect(owner.token), connect(leaving.token), connect(joining.token)]);
    const heardByLeaving: unknown[] = [];
    left.on('message:new', (m) => heardByLeaving.push(m));
    const heardByJoining = nextEvent(joined, 'message:new');
    const heardBySender = nextEvent(sender, 'message:new');
    const lock = await holdingLock(id, async (tx) => {
      await tx`delete from conversation_members where conversation_id = ${id} and user_id = ${leaving.id}`;
      await tx`insert into conversation_members (conversation_id, user_id, role) values (${id}, ${joining.id}, 'member')`;
    });
    const reply = sender.emitWithAck('message:send', { conversationId: id, body: 'who hears this?', clientId: randomUUID() });
    try {
      await sendWaitsOnLock(reply);
    } finally {
      await lock.commit();
    }
    const sent = await reply;
    expect(sent.ok).toBe(true);
    expect(await heardByJoining).toEqual(sent.message);
    // One emit reaches every member's socket together: once the sender's own copy is in, a copy
    // to the one who left would have arrived too.
    expect(await heardBySender).toEqual(sent.message);
    await new Promise((r) => setTimeout(r, 50));
    expect(heardByLeaving).toEqual([]);
  });
});
