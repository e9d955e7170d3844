// Socket.IO on the app's own HTTP server: origin-checked, authenticated handshakes (handshake.ts);
// each socket joins its user's room and its session's (or token's) room, so revocation can reach
// it, and is watched for as long as it stays (credentialWatch.ts).
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import { getConfig } from '@/lib/config';
import { isAllowedOrigin, ownOrigin } from '@/lib/http/origin';
import { compileTrust } from '@/lib/http/clientIp';
import { stampRequest } from '@/lib/http/stamp';
import { log } from '@/lib/log';
import { redisClients } from '@/lib/redis';
import { registerHandlers } from './handlers';
import { startPresenceSweeper, userCameOnline, userWentAway } from '@/lib/presence/service';
import { disconnectAtExpiry, recheckSocket, startCredentialRecheck } from './credentialWatch';
import { startSocketFanout } from './fanout';
import { handshake } from './handshake';
import { startSnapshotFanout } from './snapshots';
import { setRealtimeServer, type RealtimeServer } from './publisher';

/** A message body is at most 4,000 characters; JSON-escaped control characters take 6 bytes each. */
export const MAX_SOCKET_PAYLOAD = 32 * 1024;

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function attachRealtime(httpServer: HttpServer): RealtimeServer {
  const proxyTrust = compileTrust(getConfig().trustProxy);
  const io: RealtimeServer = new Server(httpServer, {
    path: '/socket.io',
    maxHttpBufferSize: MAX_SOCKET_PAYLOAD,
    serveClient: false,
    // A connection whose network went away without a close is noticed within pingInterval +
    // pingTimeout (13 s, then presence's 2 s grace) rather than Socket.IO's default 45 s; a
    // closed tab says goodbye and is noticed at once either way.
    pingInterval: 5_000,
    pingTimeout: 8_000,
    // A handshake from another site's page is refused (cross-site WebSocket hijacking);
    // one with no Origin comes from a script, which must still authenticate.
    allowRequest: (req, callback) => {
      // Engine.IO answers its own requests before server.ts's handler: the client IP (for the
      // handshake limit) is decided here, and a client cannot set it.
      stampRequest(req, proxyTrust);
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

  io.use(handshake);
  const stopRecheck = startCredentialRecheck(io);
  httpServer.once('close', stopRecheck);

  io.on('connection', (socket) => {
    const actor = socket.data.actor;
    registerHandlers(socket);
    void userCameOnline(actor.userId).catch((error) => log.warn('presence update failed', { error: String(error) }));
    socket.on('disconnect', () => {
      void userWentAway(actor.userId).catch((error) => log.warn('presence update failed', { error: String(error) }));
    });
    // Revocations reach the socket's rooms only from now on (Socket.IO skips sockets still in
    // their handshake): one more look catches a revocation that landed since the handshake's.
    recheckSocket(socket);
    disconnectAtExpiry(socket, actor.expiresAt);
  });

  setRealtimeServer(io);
  return io;
}
