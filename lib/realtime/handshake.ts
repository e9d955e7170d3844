// The Socket.IO handshake: at most so many a minute per client IP (each may cost a database
// lookup, and each connect of a user fans presence out to all their contacts); who the socket is
// (the session cookie or `auth: {token}`, checked against its row); at most so many sockets per
// user; and the rooms that reach it: its user's, and its session's or token's, so a revocation
// can disconnect it.
import type { ExtendedError } from 'socket.io';
import { authenticate, authenticateBearer, type Actor } from '@/lib/auth/actor';
import { isAppError, isDatabaseUnavailable } from '@/lib/errors';
import { clientIpOf } from '@/lib/http/stamp';
import { describeError, log } from '@/lib/log';
import { consume } from '@/lib/rateLimit';
import { rooms, type RealtimeSocket } from './publisher';

/** Sockets one user may hold on one process (tabs, devices, bots); the next handshake is refused with `too_many_connections`. */
export const MAX_SOCKETS_PER_USER = 20;

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

function roomsOf(actor: Actor): string[] {
  return [rooms.user(actor.userId), ...(actor.sessionId ? [rooms.session(actor.sessionId)] : []), ...(actor.tokenId ? [rooms.token(actor.tokenId)] : [])];
}

function refusal(message: string, data?: Record<string, unknown>): ExtendedError {
  return Object.assign(new Error(message), data ? { data } : {});
}

/**
 * Counts the handshake against its client IP's limit; the seconds to wait when over it. A limiter
 * that cannot answer (Redis away) lets the handshake through: it guards the database, and must not
 * send every client to the sign-in page.
 */
async function overLimit(socket: RealtimeSocket): Promise<number | null> {
  try {
    await consume('handshake', clientIpOf(socket.handshake.headers));
    return null;
  } catch (error) {
    if (isAppError(error) && error.code === 'rate_limited') return error.retryAfter ?? 1;
    log.warn('handshake limit unavailable', { error: describeError(error) });
    return null;
  }
}

/**
 * The middleware. Refuses with `rate_limited` (data.retryAfter in seconds), `unauthorized`,
 * `too_many_connections`, or `unavailable` while the database is away.
 */
export async function handshake(socket: RealtimeSocket, next: (error?: ExtendedError) => void): Promise<void> {
  try {
    // Before the lookup: a flood of handshakes costs no database work.
    const retryAfter = await overLimit(socket);
    if (retryAfter !== null) return next(refusal('rate_limited', { retryAfter }));
    const actor = await actorOf(socket);
    if (!actor) return next(refusal('unauthorized'));
    // Counted and joined with no await in between, so handshakes racing each other cannot pass the
    // cap together; the user's room holds its sockets on this process, handshakes under way included.
    const held = socket.nsp.adapter.rooms.get(rooms.user(actor.userId))?.size ?? 0;
    if (held >= MAX_SOCKETS_PER_USER) return next(refusal('too_many_connections'));
    socket.data.actor = actor;
    // Joined now, before the socket connects: left again by Socket.IO if it never does.
    void socket.join(roomsOf(actor));
    next();
  } catch (error) {
    // The database being away is not the client's fault: it should retry, not sign in again.
    if (isDatabaseUnavailable(error)) return next(refusal('unavailable'));
    log.error('socket handshake failed', { error: describeError(error) });
    next(refusal('unauthorized'));
  }
}
