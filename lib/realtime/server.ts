// Socket.IO on the app's own HTTP server: origin-checked, authenticated handshakes; each socket
// joins its user's room and its session's (or token's) room, so revocation can reach it.
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { authenticate, authenticateBearer, type Actor } from '@/lib/auth/actor';
import { isAllowedOrigin, ownOrigin } from '@/lib/http/origin';
import { isDatabaseUnavailable } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { redisClients } from '@/lib/redis';
import { registerHandlers } from './handlers';
import { startPresenceSweeper, userCameOnline, userWentAway } from '@/lib/presence/service';
import { startSocketFanout } from './fanout';
import { startSnapshotFanout } from './snapshots';
import { rooms, setRealtimeServer, type RealtimeServer } from './publisher';

/** A message body is at most 4,000 characters; JSON-escaped control characters take 6 bytes each. */
export const MAX_SOCKET_PAYLOAD = 32 * 1024;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function attachRealtime(httpServer: HttpServer): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    path: '/socket.io',
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
    serveClient: false,
    // A handshake from another site's page is refused (cross-site WebSocket hijacking);
    // one with no Origin comes from a script, which must still authenticate.
    allowRequest: (req, callback) => {
      const origin = header(req.headers.origin);
      const ok = !origin || isAllowedOrigin(origin, ownOrigin(header(req.headers.host), header(req.headers['x-forwarded-proto'])));
      callback(ok ? null : 'origin not allowed', ok);
    },
  });

  // Several processes: events for a room reach its sockets on every process.
  const redis = redisClients();
  if (redis) io.adapter(createAdapter(redis.client, redis.subscriber, { key: 'relay:socket.io' }));
  startPresenceSweeper();
  startSocketFanout();
  startSnapshotFanout();

  io.use(async (socket, next) => {
    try {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      let actor: Actor | null;
      if (typeof token === 'string') actor = await authenticateBearer(token);
      else {
        const headers = new Headers();
        const cookie = header(socket.handshake.headers.cookie);
        const authorization = header(socket.handshake.headers.authorization);
        if (cookie) headers.set('cookie', cookie);
        if (authorization) headers.set('authorization', authorization);
        actor = await authenticate(headers);
      }
      if (!actor) return next(new Error('unauthorized'));
      socket.data.actor = actor;
      next();
    } catch (error) {
      // The database being away is not the client's fault: it should retry, not sign in again.
      if (isDatabaseUnavailable(error)) return next(new Error('unavailable'));
      log.error('socket handshake failed', { error: describeError(error) });
      next(new Error('unauthorized'));
    }
  });

  io.on('connection', (socket) => {
    const actor = socket.data.actor;
    void socket.join([
      rooms.user(actor.userId),
      ...(actor.sessionId ? [rooms.session(actor.sessionId)] : []),
      ...(actor.tokenId ? [rooms.token(actor.tokenId)] : []),
    ]);
    registerHandlers(socket);
    void userCameOnline(actor.userId).catch((error) => log.warn('presence update failed', { error: String(error) }));
    socket.on('disconnect', () => {
      void userWentAway(actor.userId).catch((error) => log.warn('presence update failed', { error: String(error) }));
    });
  });

  setRealtimeServer(io);
  return io;
}
