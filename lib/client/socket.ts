// The browser's one Socket.IO connection (a module-level singleton), authenticated by the
// session cookie and typed by the event catalogue. The chat store drives it; components never
// touch it directly.
import 'client-only';
import { io, type Socket } from 'socket.io-client';
import type { ClientAck, ClientEventName, ClientPayload, ClientToServerEvents, ServerToClientEvents } from '@/lib/schemas/events';

export type RelaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let socket: RelaySocket | null = null;

export function getSocket(): RelaySocket {
  socket ??= io({ path: '/socket.io', withCredentials: true, autoConnect: false, transports: ['websocket', 'polling'] });
  return socket;
}

/** What an event's acknowledgement holds when the server agreed. */
export type AckResult<E extends ClientEventName> = Extract<ClientAck<E>, { ok: true }>;

export class AckError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** rate_limited: the seconds the server asked us to wait. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

/** Emits and waits for the acknowledgement; a timeout or refusal becomes an AckError. */
export async function request<E extends ClientEventName>(event: E, payload: ClientPayload<E>, timeoutMs = 8000): Promise<AckResult<E>> {
  const s = getSocket();
  if (!s.connected) throw new AckError('offline', 'Not connected.');
  // socket.io's conditional types cannot resolve an event name that is still generic (and the
  // catalogue's ack parameter is optional, for `typing`), so this one call is typed by the catalogue.
  const timed = s.timeout(timeoutMs) as unknown as { emitWithAck(event: E, payload: ClientPayload<E>): Promise<ClientAck<E>> };
  let reply: ClientAck<E>;
  try {
    reply = await timed.emitWithAck(event, payload);
  } catch {
    throw new AckError('timeout', 'The server did not answer in time.');
  }
  if (!reply.ok) throw new AckError(reply.error.code, reply.error.message, reply.error.retryAfter);
  return reply as AckResult<E>;
}
