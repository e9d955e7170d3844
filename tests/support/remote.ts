// Talking to servers a test started itself (the chaos, scale and embedded suites): REST with a
// bearer token from a random client IP (so each call has its own rate-limit bucket), new
// accounts, sockets that `closeSockets` ends after the suite, and `nextEvent` to await events.
// Every answer is checked against the contract like the integration suite's (contract-setup.ts).
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { checkResponse } from './contract';
import type { RunningServer } from './server';
import { watchSocket } from './socket-contract';

export { nextEvent } from './events';

const opened: Socket[] = [];
const randomIp = () => `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

export async function api(server: RunningServer, method: string, path: string, body?: unknown, token?: string, ip = randomIp()) {
  const r = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  const parsed: any = text ? JSON.parse(text) : null;
  await checkResponse(server.url, method, path, r.status, parsed);
  return { status: r.status, body: parsed };
}

export type Account = { id: string; token: string; username: string; password: string };

/** Registers someone on this server and signs them in as a script would. */
export async function newAccount(server: RunningServer): Promise<Account> {
  const username = `u_${randomUUID().slice(0, 8)}`;
  const password = 'remote password';
  const registered = await api(server, 'POST', '/api/auth/register', { username, password });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${JSON.stringify(registered.body)}`);
  const { body } = await api(server, 'POST', '/api/auth/token', { username, password });
  return { id: body.user.id as string, token: body.token as string, username, password };
}

export function connectTo(server: RunningServer, token: string): Promise<Socket> {
  const socket = watchSocket(io(server.url, { transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true }));
  opened.push(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

export function closeSockets() {
  for (const s of opened.splice(0)) s.disconnect();
}
