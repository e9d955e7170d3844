// The Socket.IO handshake: who the socket is (the session cookie or `auth: {token}`, checked
// against its row), and the rooms that reach it: its user's, and its session's or token's, so a
// revocation can disconnect it.
import type { ExtendedError } from 'socket.io';
import { authenticate, authenticateBearer, type Actor } from '@/lib/auth/actor';
import { isDatabaseUnavailable } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { rooms, type RealtimeSocket } from './publisher';

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function actorOf(socket: RealtimeSocket): Promise<Actor | null> {
  const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
  if (typeof token === 'string') return authenticateBearer(token);
  const headers = new Headers();
  const cookie = header(socket.handshake.headers.cookie);
  const authorization = header(socket.handshake.headers.authorization);
  if (cookie) headers.set('cookie', cookie);
  if (authorization) headers.set('authorization', authorization);
  return authenticate(headers);
}

export function roomsOf(actor: Actor): string[] {
  return [rooms.user(actor.userId), ...(actor.sessionId ? [rooms.session(actor.sessionId)] : []), ...(actor.tokenId ? [rooms.token(actor.tokenId)] : [])];
}

/** The middleware: refuses with `unauthorized` (or `unavailable` while the database is away). */
export async function handshake(socket: RealtimeSocket, next: (error?: ExtendedError) => void): Promise<void> {
  try {
    const actor = await actorOf(socket);
    if (!actor) return next(new Error('unauthorized'));
    socket.data.actor = actor;
    // Joined now, before the socket connects: left again by Socket.IO if it never does.
    void socket.join(roomsOf(actor));
    next();
  } catch (error) {
    // The database being away is not the client's fault: it should retry, not sign in again.
    if (isDatabaseUnavailable(error)) return next(new Error('unavailable'));
    log.error('socket handshake failed', { error: describeError(error) });
    next(new Error('unauthorized'));
  }
}
