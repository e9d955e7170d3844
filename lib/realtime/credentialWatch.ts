// A socket outlives the handshake that checked its credential, so the credential is watched for
// as long as the socket stays: the socket goes at its session's or token's expiry; it is checked
// again once it has joined its revocation rooms (a revocation raised between the handshake's
// lookup and the join reaches no room it is in); and every process re-checks all its sockets
// periodically, so a row deleted or expired without a revocation event, or whose Redis message
// was lost, is noticed within one interval (SOCKET_RECHECK_SECONDS, a minute by default).
import { liveTokenIds } from '@/lib/auth/personalTokens';
import { liveSessionIds } from '@/lib/auth/sessions';
import { getConfig } from '@/lib/config';
import { isDatabaseUnavailable } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import type { RealtimeServer, RealtimeSocket } from './publisher';

/** The re-check interval; read when the timer starts, as server.ts loads the configuration first. */
export const recheckIntervalMs = () => getConfig().socketRecheckMs;

/** setTimeout's longest delay (about 24.8 days); a 30-day session's timer is re-armed past it. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Ids per statement, so a process with very many sockets asks in bounded pieces. */
const BATCH = 1_000;

/** Disconnects the socket when its credential expires (never, for a token without expiry). */
export function disconnectAtExpiry(socket: RealtimeSocket, expiresAt: Date | null): void {
  if (!expiresAt) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const left = expiresAt.getTime() - Date.now();
    if (left <= 0) return void socket.disconnect(true);
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  arm();
  socket.once('disconnect', () => clearTimeout(timer));
}

async function liveIn(ids: string[], find: (ids: string[]) => Promise<Set<string>>): Promise<Set<string>> {
  const live = new Set<string>();
  for (let i = 0; i < ids.length; i += BATCH) for (const id of await find(ids.slice(i, i + BATCH))) live.add(id);
  return live;
}

/**
 * Disconnects those of these sockets whose session or token no longer works: gone, expired,
 * older than its user's last password change, or its user deleted. Returns how many went.
 */
export async function recheckSockets(sockets: RealtimeSocket[]): Promise<number> {
  const open = sockets.filter((s) => s.connected && s.data.actor);
  const sessionIds = [...new Set(open.flatMap((s) => (s.data.actor.sessionId ? [s.data.actor.sessionId] : [])))];
  const tokenIds = [...new Set(open.flatMap((s) => (s.data.actor.tokenId ? [s.data.actor.tokenId] : [])))];
  const [sessions, tokens] = await Promise.all([liveIn(sessionIds, liveSessionIds), liveIn(tokenIds, liveTokenIds)]);
  const stale = open.filter(({ data: { actor } }) => (actor.sessionId ? !sessions.has(actor.sessionId) : !actor.tokenId || !tokens.has(actor.tokenId)));
  for (const socket of stale) socket.disconnect(true);
  return stale.length;
}

/** A re-check that fails (the database away) disconnects nobody: the next one tries again. */
function logFailure(error: unknown) {
  if (!isDatabaseUnavailable(error)) log.warn('socket credential re-check failed', { error: describeError(error) });
}

/** Checks one socket again right after it joined its rooms. */
export function recheckSocket(socket: RealtimeSocket): void {
  void recheckSockets([socket]).catch(logFailure);
}

/** Starts this process's periodic re-check of its own sockets; returns the way to stop it. */
export function startCredentialRecheck(io: RealtimeServer): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    recheckSockets([...io.of('/').sockets.values()])
      .then((n) => n > 0 && log.info('disconnected sockets whose credential stopped working', { sockets: n }), logFailure)
      .finally(() => (running = false));
  }, recheckIntervalMs());
  timer.unref();
  return () => clearInterval(timer);
}
