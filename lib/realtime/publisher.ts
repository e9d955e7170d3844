// How services tell connected clients what changed. The Socket.IO server lives on globalThis
// (one per process, whichever bundle asks); with none attached (a script, a build), nothing is sent.
import type { Server } from 'socket.io';

export const rooms = {
  user: (id: string) => `user:${id}`,
  session: (id: string) => `session:${id}`,
  token: (id: string) => `token:${id}`,
};

const store = globalThis as unknown as { __chatIo?: Server };

export function setRealtimeServer(io: Server | undefined) {
  store.__chatIo = io;
}

export function realtimeServer(): Server | undefined {
  return store.__chatIo;
}

/** Sends an event to every socket of each user named (all their tabs and devices). */
export function emitToUsers(userIds: Iterable<string>, event: string, payload: unknown): void {
  const io = store.__chatIo;
  const targets = [...new Set(userIds)].map(rooms.user);
  if (!io || targets.length === 0) return;
  io.to(targets).emit(event, payload);
}

/** Disconnects every socket in the rooms named (a revoked session or token, a deleted user). */
export function disconnectRooms(names: string[]): void {
  const io = store.__chatIo;
  if (!io || names.length === 0) return;
  io.in(names).disconnectSockets(true);
}
