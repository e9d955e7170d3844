// Socket.IO clients for the integration suite, and small helpers to await acks and events.
import { io, type Socket } from 'socket.io-client';
import { baseUrl, randomIp } from './http';
import { watchSocket } from './socket-contract';

export { nextEvent } from './events';

const open: Socket[] = [];

type Auth = { token?: string; cookie?: string; origin?: string; ip?: string };

/** A socket from a random client IP unless `ip` names one (the test server trusts X-Forwarded-For), as `call` does. */
export async function connect(auth: Auth = {}): Promise<Socket> {
  const socket = watchSocket(
    io(baseUrl(), {
      path: '/socket.io',
      transports: ['websocket'],
      auth: auth.token ? { token: auth.token } : undefined,
      extraHeaders: {
        'x-forwarded-for': auth.ip ?? randomIp(),
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
        ...(auth.origin ? { origin: auth.origin } : {}),
      },
      reconnection: false,
      forceNew: true,
    }),
  );
  open.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (e) => reject(e));
  });
  return socket;
}

/** The connect_error message of a refused handshake. */
export async function refusal(auth: Auth): Promise<string> {
  try {
    const socket = await connect(auth);
    socket.disconnect();
    return 'connected';
  } catch (e) {
    return (e as Error).message;
  }
}

export function ack<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 10_000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Collects every `event` for a while, to show that something did NOT arrive. */
export function collect<T = any>(socket: Socket, event: string): { items: T[]; stop: () => T[] } {
  const items: T[] = [];
  const listener = (payload: T) => items.push(payload);
  socket.on(event, listener);
  return { items, stop: () => (socket.off(event, listener), items) };
}

export function disconnected(socket: Socket, timeoutMs = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected) return resolve('already');
    const timer = setTimeout(() => reject(new Error('socket stayed connected')), timeoutMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

export function closeAll() {
  for (const s of open.splice(0)) s.disconnect();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
