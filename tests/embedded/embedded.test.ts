// The embedded database (PGlite), as `npm install && npm start` runs on a bare machine: the same
// flows as on PostgreSQL, through the real server, and the data still there after a restart.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api as apiOn, closeSockets, connectTo, newAccount, nextEvent } from '../support/remote';
import { startServer, type RunningServer } from '../support/server';

let server: RunningServer;
const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-embedded-'));
const embedded = { DATABASE_URL: '', REDIS_URL: '' };

beforeAll(async () => {
  server = await startServer('embedded', embedded, { dataDir, database: null });
});

afterAll(async () => {
  closeSockets();
  await server?.stop();
});

const api = (method: string, path: string, body?: unknown, token?: string) => apiOn(server, method, path, body, token);
const user = () => newAccount(server);
const connect = (token: string) => connectTo(server, token);

describe('the embedded database', () => {
  it('runs accounts, tokens, sends, history and resends on PGlite, and keeps them across a restart', async () => {
    const [a, b] = [await user(), await user()];
    expect((await api('GET', '/api/users/me', undefined, a.token)).body.user).toMatchObject({ id: a.id, username: a.username });

    // A personal access token works as a bearer and records its use.
    const created = await api('POST', '/api/tokens', { name: 'embedded bot', password: a.password }, a.token);
    expect(created.status).toBe(201);
    expect((await api('GET', '/api/users/me', undefined, created.body.token)).body.user.id).toBe(a.id);
    const tokens = await api('GET', '/api/tokens', undefined, a.token);
    expect(tokens.body.items[0].lastUsedAt).not.toBeNull();

    const { body } = await api('POST', '/api/conversations', { type: 'direct', userId: b.id }, a.token);
    const id = body.conversation.id as string;
    const [sa, sb] = await Promise.all([connect(a.token), connect(b.token)]);
    const live = nextEvent(sb, 'message:new');
    const sent = await sa.emitWithAck('message:send', { conversationId: id, body: 'hello from PGlite', clientId: 'emb-1' });
    expect(sent).toMatchObject({ ok: true, message: { seq: 1, body: 'hello from PGlite', sender: { id: a.id } } });
    expect(await live).toEqual(sent.message);
    for (let i = 2; i <= 5; i++) expect((await api('POST', `/api/conversations/${id}/messages`, { body: `m${i}` }, b.token)).status).toBe(201);
    const again = await sa.emitWithAck('message:send', { conversationId: id, body: 'hello from PGlite', clientId: 'emb-1' });
    expect(again.message).toEqual(sent.message);

    const seqs = async (query: string) =>
      (await api('GET', `/api/conversations/${id}/messages?${query}`, undefined, b.token)).body.items.map((m: { seq: number }) => m.seq);
    expect(await seqs('limit=2')).toEqual([4, 5]);
    expect(await seqs('limit=2&before=4')).toEqual([2, 3]);
    expect(await seqs('limit=2&after=1')).toEqual([2, 3]);
    const first = (await api('GET', `/api/conversations/${id}/messages?limit=1&after=0`, undefined, b.token)).body.items[0];
    expect(first).toEqual(sent.message);
    expect((await api('GET', `/api/conversations/${id}/messages`, undefined, (await user()).token)).status).toBe(404);

    closeSockets();
    expect(await server.kill('SIGTERM')).toBe(0);
    server = await startServer('embedded', embedded, { dataDir, database: null });
    const after = await api('GET', `/api/conversations/${id}/messages?after=0`, undefined, a.token);
    expect(after.body.items.map((m: { seq: number }) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(after.body.items[0]).toEqual(sent.message);
  });
});
