// Who is online. Each process counts its own sockets per user; with Redis, each process also
// records "this user has sockets here until <time>" in a hash per user, refreshed while they stay,
// so every process sees everyone, and a process that dies stops counting when its entries lapse
// (PRESENCE_TTL_SECONDS). Each process also lists the users it holds and beats a heartbeat in a
// registry, so when one dies a survivor can find its users, clear them, and say they went offline.
import { randomUUID } from 'node:crypto';
import { getConfig } from '@/lib/config';
import { redisClients } from '@/lib/redis';

const ttl = () => getConfig().presenceTtlMs;

const key = (userId: string) => `relay:presence:${userId}`;
const registry = 'relay:presence:servers';
const heldBy = (serverId: string) => `relay:presence:server:${serverId}`;
const sweepClaim = (serverId: string) => `relay:presence:sweep:${serverId}`;

type Store = { local: Map<string, number>; serverId: string; heartbeat?: ReturnType<typeof setInterval> };
const g = globalThis as unknown as { __chatPresence?: Store };

function store(): Store {
  return (g.__chatPresence ??= { local: new Map(), serverId: randomUUID() });
}

/** Keeps this process's entries alive while it has sockets; they lapse within TTL_MS if it dies. */
function startHeartbeat() {
  const s = store();
  const redis = redisClients();
  if (s.heartbeat || !redis) return;
  const beat = () => {
    const until = String(Date.now() + ttl());
    const pipeline = redis.client.pipeline().hset(registry, s.serverId, until).pexpire(heldBy(s.serverId), ttl() * 10);
    for (const userId of s.local.keys()) pipeline.hset(key(userId), s.serverId, until).pexpire(key(userId), ttl() * 2);
    return pipeline.exec();
  };
  s.heartbeat = setInterval(() => void beat().catch(() => {}), ttl() / 3);
  s.heartbeat.unref();
  void beat().catch(() => {});
}

/** Starts this process's heartbeat (with Redis), so others know it is alive. */
export function startPresence() {
  startHeartbeat();
}

/** Stops the heartbeat at shutdown: this process's entries lapse and a survivor sweeps them. */
export function stopPresence() {
  const s = store();
  clearInterval(s.heartbeat);
  s.heartbeat = undefined;
}

/**
 * Finds processes whose heartbeat lapsed, claims each one once across all processes, removes
 * its entries, and returns its users who have no socket left anywhere, with when it was last
 * known alive (their lastSeenAt).
 */
export async function sweepLapsedServers(): Promise<{ userId: string; lastSeenAt: Date }[]> {
  const redis = redisClients();
  if (!redis) return [];
  const now = Date.now();
  const servers = await redis.client.hgetall(registry);
  const gone: { userId: string; lastSeenAt: Date }[] = [];
  for (const [serverId, until] of Object.entries(servers)) {
    if (serverId === store().serverId || Number(until) > now) continue;
    if ((await redis.client.set(sweepClaim(serverId), '1', 'PX', ttl() * 10, 'NX')) !== 'OK') continue;
    const userIds = await redis.client.smembers(heldBy(serverId));
    const pipeline = redis.client.pipeline();
    for (const userId of userIds) pipeline.hdel(key(userId), serverId);
    await pipeline.del(heldBy(serverId)).hdel(registry, serverId).exec();
    const stillOnline = await onlineElsewhere(userIds);
    const lastSeenAt = new Date(Number(until) - ttl());
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
  const here = userIds.filter((id) => (local.get(id) ?? 0) > 0);
  const elsewhere = await onlineElsewhere(userIds.filter((id) => !here.includes(id)));
  return new Set([...here, ...elsewhere]);
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
  startHeartbeat();
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
