// The live connection's ups and downs: what the banner says, and the reconnects socket.io does not
// make by itself (the server sent us away, its middleware refused, or the browser came back online).
import 'client-only';
import type { Connection } from './chatState';
import type { RelaySocket } from './socket';

type Hooks = { onConnect(): void; setConnection(connection: Connection): void };

export function watchConnection(socket: RelaySocket, { onConnect, setConnection }: Hooks) {
  const away = () => setConnection(navigator.onLine ? 'reconnecting' : 'offline');
  socket.on('connect', onConnect);
  socket.on('disconnect', (reason) => {
    away();
    // The server is shutting down, or revoked this session: reconnecting reaches another process, or says unauthorized.
    if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500 + Math.random() * 1000);
  });
  socket.on('connect_error', (error) => {
    if (error.message === 'unauthorized') window.location.assign(`/login?callbackUrl=${encodeURIComponent(location.pathname)}`);
    else away();
    // A refusal by the server's middleware (the database briefly away, too many handshakes from this address) is not retried by the client library.
    if (error.message === 'unavailable') setTimeout(() => socket.connect(), 2000);
    if (error.message === 'rate_limited')
      setTimeout(() => socket.connect(), (Number((error as { data?: { retryAfter?: number } }).data?.retryAfter) || 5) * 1000);
  });
  window.addEventListener('offline', () => {
    setConnection('offline');
    socket.disconnect();
  });
  window.addEventListener('online', () => {
    setConnection('reconnecting');
    socket.connect();
  });
}
