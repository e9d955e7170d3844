// Who is online: the registry of sockets per user. Each process counts its own sockets per user; with Redis, each process also
// records "this user has sockets here until <time>" in a hash per user, refreshed while they stay,
// so every process sees everyone, and a process that dies stops counting when its entries lapse
// (PRESENCE_TTL_SECONDS). Each process also lists the users it holds and beats a heartbeat in a
// registry, so when one dies a survivor can find its users, clear them, and say they went offline.
import { randomUUID } from 'node:crypto';
import { getConfig } from '@/lib/config';
import { redisClients } from '@/lib/redis';
import { processSingleton } from '@/lib/singletons';

const ttl = () => getConfig().presenceTtlMs;

const key = (userId: string) => `relay:presence:${userId}`;
/** serverId → when it last beat (its own clock; only an estimate of its users' lastSeenAt). */
const registry = 'relay:presence:servers';
/** Exists while the process beats: Redis expires it, so no two clocks are compared. */
const alive = (serverId: string) => `relay:presence:alive:${serverId}`;
const heldBy = (serverId: string) => `relay:presence:server:${serverId}`;
const sweepClaim = (serverId: string) => `relay:presence:sweep:${serverId}`;

type Store = {
  local: Map<string, number>;
  serverId: string;
  heartbeat?: ReturnType<typeof setInterval>;
  /** Since when every beat has reached Redis (undefined while they fail). */
  healthySince?: number;
  beats: number;
};
function store(): Store {
  return processSingleton<Store>('presence', () => ({ local: new Map(), serverId: randomUUID(), beats: 0 }));
}

/**
 * One heartbeat: this process is alive, holds these users, and their entries last another TTL.
 * Returns the users to announce as online again when another process had swept this one as dead
 * (its registry entry was gone: a stall or a Redis outage longer than the TTL).
 */
async function beat(): Promise<string[]> {
  const s = store();
  const redis = redisClients();
  if (!redis) return [];
  const now = Date.now();
  const until = String(now + ttl());
  const users = [...s.local.keys()];
  const pipeline = redis.client.pipeline().hset(registry, s.serverId, String(now)).set(alive(s.serverId), '1', 'PX', ttl());
  if (users.length) pipeline.sadd(heldBy(s.serverId), ...users);
  pipeline.pexpire(heldBy(s.serverId), ttl() * 10);
  for (const userId of users) pipeline.hset(key(userId), s.serverId, until).pexpire(key(userId), ttl() * 2);
  const replies = (await pipeline.exec()) ?? [];
  if (replies.some(([error]) => error)) throw new Error('presence heartbeat failed');
  s.healthySince ??= now;
  const registered = replies[0][1] === 1;
  return s.beats++ > 0 && registered ? users : [];
}

/**
 * Starts this process's heartbeat (with Redis): its entries stay alive while it runs and lapse
 * within a TTL if it dies. `reannounce` gets the users to announce again after a false sweep.
 */
export function startPresence(reannounce: (userIds: string[]) => void) {
  const s = store();
  if (s.heartbeat || !redisClients()) return;
  const run = () =>
    beat().then(
      (again) => void (again.length && reannounce(again)),
      () => void (store().healthySince = undefined),
    );
  s.heartbeat = setInterval(run, ttl() / 3);
  s.heartbeat.unref();
  void run();
}

/** Stops the heartbeat at shutdown: this process's entries lapse and a survivor sweeps them. */
export function stopPresence() {
  const s = store();
  clearInterval(s.heartbeat);
  s.heartbeat = undefined;
}

/**
 * Finds processes that stopped beating, claims each one once across all processes, removes its
 * entries, and returns its users who have no socket left anywhere, with when it last beat (their
 * lastSeenAt). Only while this process's own beats have reached Redis for a whole TTL, so that
 * after a Redis outage everyone has beaten again before anyone is taken for dead.
 */
export async function sweepLapsedServers(): Promise<{ userId: string; lastSeenAt: Date }[]> {
  const redis = redisClients();
  const healthySince = store().healthySince;
  if (!redis || healthySince === undefined || Date.now() - healthySince < ttl()) return [];
  const servers = Object.entries(await redis.client.hgetall(registry)).filter(([serverId]) => serverId !== store().serverId);
  const gone: { userId: string; lastSeenAt: Date }[] = [];
  for (const [serverId, lastBeat] of servers) {
    if (await redis.client.exists(alive(serverId))) continue;
    if ((await redis.client.set(sweepClaim(serverId), '1', 'PX', ttl() * 10, 'NX')) !== 'OK') continue;
    const userIds = await redis.client.smembers(heldBy(serverId));
    const pipeline = redis.client.pipeline();
    for (const userId of userIds) pipeline.hdel(key(userId), serverId);
    await pipeline.del(heldBy(serverId)).hdel(registry, serverId).exec();
    const stillOnline = await onlineElsewhere(userIds);
    const lastSeenAt = new Date(Number(lastBeat));
    for (const userId of userIds) if (!stillOnline.has(userId) && !(store().local.get(userId) ?? 0)) gone.push({ userId, lastSeenAt });
  }
  return gone;
}

async function onlineElsewhere(userIds: string[]): Promise<Set<string>> {
  const redis = redisClients();
  const online = new Set<string>();
  if (!redis || userIds.length === 0) return online;
  const pipeline = redis.client.pipeline();
  for (const id of userIds) pipeline.hgetall(key(id));
  const replies = (await pipeline.exec()) ?? [];
  const now = Date.now();
  const me = store().serverId;
  replies.forEach(([error, entries], i) => {
    if (error) return;
    for (const [server, until] of Object.entries((entries ?? {}) as Record<string, string>)) {
      if (server !== me && Number(until) > now) online.add(userIds[i]);
    }
  });
  return online;
}

/** Which of these users have a socket on any process. */
export async function onlineAmong(userIds: string[]): Promise<Set<string>> {
  const local = store().local;
  const here = new Set(userIds.filter((id) => (local.get(id) ?? 0) > 0));
  const elsewhere = await onlineElsewhere(userIds.filter((id) => !here.has(id)));
  for (const id of elsewhere) here.add(id);
  return here;
}

export async function isOnline(userId: string): Promise<boolean> {
  return (await onlineAmong([userId])).has(userId);
}

/** Returns true when this socket made the user go online everywhere. */
export async function socketConnected(userId: string): Promise<boolean> {
  const local = store().local;
  const n = (local.get(userId) ?? 0) + 1;
  local.set(userId, n);
  if (n > 1) return false;
  const redis = redisClients();
  if (!redis) return true;
  const already = (await onlineElsewhere([userId])).has(userId);
  await redis.client
    .multi()
    .hset(key(userId), store().serverId, String(Date.now() + ttl()))
    .pexpire(key(userId), ttl() * 2)
    .sadd(heldBy(store().serverId), userId)
    .exec();
  return !already;
}

/** Returns true when this socket was the user's last anywhere. */
export async function socketDisconnected(userId: string): Promise<boolean> {
  const local = store().local;
  const n = (local.get(userId) ?? 1) - 1;
  if (n > 0) {
    local.set(userId, n);
    return false;
  }
  local.delete(userId);
  const redis = redisClients();
  if (!redis) return true;
  await redis.client.multi().hdel(key(userId), store().serverId).srem(heldBy(store().serverId), userId).exec();
  return !(await onlineElsewhere([userId])).has(userId);
}
