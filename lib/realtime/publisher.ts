// The low-level way to reach connected clients: rooms per user, session and token, a typed emit
// and a disconnect. Only the socket fan-out (fanout.ts) calls it; services raise domain events.
// The Socket.IO server lives in the process registry; with none attached (a script, a build),
// nothing is sent.
import type { Server, Socket } from 'socket.io';
import type { InterServerEvents, ServerEventName, ServerPayload, ServerToClientEvents, ClientToServerEvents } from '@/lib/schemas/events';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/singletons';
import type { SocketData } from './socketData';

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export const rooms = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  token: (id: string) => `token:${id}`,
};

export function setRealtimeServer(io: RealtimeServer | undefined) {
  setProcessSingleton('io', io);
}

export function realtimeServer(): RealtimeServer | undefined {
  return peekProcessSingleton<RealtimeServer>('io');
}

/** Sends an event to every socket of each user named (all their tabs and devices), serialized once. */
export function emitToUsers<E extends ServerEventName>(userIds: Iterable<string>, event: E, payload: ServerPayload<E>): void {
  const io = realtimeServer();
  const targets = [...new Set(userIds)].map(rooms.user);
  if (!io || targets.length === 0) return;
  (io.to(targets).emit as (event: string, payload: unknown) => boolean)(event, payload);
}

/** Disconnects every socket in the rooms named (a revoked session or token, a deleted user). */
export function disconnectRooms(names: string[]): void {
  const io = realtimeServer();
  if (!io || names.length === 0) return;
  io.in(names).disconnectSockets(true);
}
