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

const settled = <T>(p: Promise<T>, ms: number) => Promise.race([p.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);

describe('a send racing a membership change', () => {
  it('refuses a member removed while their send waited, and stores nothing', async () => {
    const [owner, removed] = [await user(), await user()];
    const { body } = await api('POST', '/api/conversations', { type: 'group', title: 'race', memberIds: [removed.id] }, owner.token);
    const id = body.conversation.id as string;
    const socket = await connect(removed.token);
    const lock = await holdingLock(id, (tx) => tx`delete from conversation_members where conversation_id = ${id} and user_id = ${removed.id}`);
    const reply = socket.emitWithAck('message:send', { conversationId: id, body: 'sent as I was removed', clientId: randomUUID() });
    expect(await settled(reply, 300)).toBe(false); // waiting for the lock
    await lock.commit();
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
    const lock = await holdingLock(id, async (tx) => {
      await tx`delete from conversation_members where conversation_id = ${id} and user_id = ${leaving.id}`;
      await tx`insert into conversation_members (conversation_id, user_id, role) values (${id}, ${joining.id}, 'member')`;
    });
    const reply = sender.emitWithAck('message:send', { conversationId: id, body: 'who hears this?', clientId: randomUUID() });
    expect(await settled(reply, 300)).toBe(false);
    await lock.commit();
    const sent = await reply;
    expect(sent.ok).toBe(true);
    expect(await heardByJoining).toEqual(sent.message);
    await new Promise((r) => setTimeout(r, 300));
    expect(heardByLeaving).toEqual([]);
  });
});
