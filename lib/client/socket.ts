// The browser's one Socket.IO connection (a module-level singleton), authenticated by the
// session cookie. The chat store drives it; components never touch it directly.
import { io, type Socket } from 'socket.io-client';

let socket: Socket | null = null;

export function getSocket(): Socket {
  socket ??= io({ path: '/socket.io', withCredentials: true, autoConnect: false, transports: ['websocket', 'polling'] });
  return socket;
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string; details?: unknown } };

export class AckError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Emits and waits for the acknowledgement; a timeout or refusal becomes an AckError. */
export async function request<T>(event: string, payload: unknown, timeoutMs = 8000): Promise<T> {
  const s = getSocket();
  if (!s.connected) throw new AckError('offline', 'Not connected.');
  let reply: Ack<T>;
  try {
    reply = (await s.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    throw new AckError('timeout', 'The server did not answer in time.');
  }
  if (!reply.ok) throw new AckError(reply.error.code, reply.error.message);
  return reply;
}
