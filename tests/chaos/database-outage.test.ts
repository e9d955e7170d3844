// The database going away for a few seconds: health says 503, requests and socket events get
// clean "unavailable" errors, nothing crashes, and the service recovers by itself when it returns.
import { randomUUID } from 'node:crypto';
import { createServer, connect as tcpConnect, type Server, type Socket as TcpSocket } from 'node:net';
import postgres from 'postgres';
import { io } from 'socket.io-client';
import { afterAll, expect, it } from 'vitest';
import { watchSocket } from '../support/socket-contract';
import { freePort, startServer, type RunningServer } from '../support/server';

const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A TCP proxy to PostgreSQL that can be cut and restored, standing in for the network or the database. */
async function databaseLink(target: URL) {
  const port = await freePort();
  const open = new Set<TcpSocket>();
  let server: Server | undefined;
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = tcpConnect(Number(target.port || 5432), target.hostname);
        open.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const close = () => (client.destroy(), upstream.destroy(), open.delete(client), open.delete(upstream));
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      });
      server.listen(port, '127.0.0.1', resolve);
    });
  const down = async () => {
    for (const s of open) s.destroy();
    open.clear();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  };
  await up();
  return { port, up, down };
}

let server: RunningServer | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
afterAll(async () => {
  await server?.stop();
  await dropDatabase?.();
});

it('answers 503 and error acks while the database is away, and recovers by itself', async () => {
  const target = new URL(base);
  const dbName = `relay_outage_${process.pid}_${Date.now().toString(36)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  dropDatabase = async () => {
    const sql = postgres(base, { max: 1, onnotice: () => {} });
    await sql.unsafe(`drop database if exists ${dbName} with (force)`);
    await sql.end();
  };
  const link = await databaseLink(target);
  const viaLink = new URL(base);
  viaLink.host = `127.0.0.1:${link.port}`;
  viaLink.pathname = `/${dbName}`;
  server = await startServer('chaos-outage', { DATABASE_URL: viaLink.toString(), RATE_LIMITS: 'off' });

  const post = (path: string, body: unknown, token?: string) =>
    fetch(server!.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
  const username = `outage_${randomUUID().slice(0, 8)}`;
  await post('/api/auth/register', { username, password: 'outage password' });
  const { token, user } = await (await post('/api/auth/token', { username, password: 'outage password' })).json();
  const { conversation } = await (await post('/api/conversations', { type: 'group', title: 'Outage', memberIds: [] }, token)).json();
  const socket = watchSocket(io(server.url, { transports: ['websocket'], auth: { token }, reconnection: false }));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

  await link.down();
  const health = await fetch(server.url + '/api/health');
  expect(health.status).toBe(503);
  expect((await health.json()).error.code).toBe('unavailable');
  const rest = await post(`/api/conversations/${conversation.id}/messages`, { body: 'while away' }, token);
  expect(rest.status).toBe(503);
  expect((await rest.json()).error.code).toBe('unavailable');
  expect(rest.headers.get('retry-after')).toBe('1');
  const acked = await socket.timeout(10_000).emitWithAck('message:send', { conversationId: conversation.id, body: 'while away', clientId: randomUUID() });
  expect(acked).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  expect(socket.connected).toBe(true);

  await link.up();
  const deadline = Date.now() + 15_000;
  let status = 0;
  while (Date.now() < deadline && status !== 200) {
    status = (await fetch(server.url + '/api/health')).status;
    if (status !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  expect(status).toBe(200);
  const sent = await socket.timeout(10_000).emitWithAck('message:send', { conversationId: conversation.id, body: 'back again', clientId: randomUUID() });
  expect(sent).toMatchObject({ ok: true, message: { seq: 1, body: 'back again', sender: { id: user.id } } });
  socket.disconnect();
  expect(server.process.exitCode).toBeNull();
});
