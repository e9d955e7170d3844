// At most one notification per person and conversation per window (NOTIFY_COALESCE_SECONDS): the
// first message of a burst notifies at once and opens the window; the rest are held, counted, and
// notified together ("3 new messages") when it closes, which opens the next window if any were
// held. With Redis the windows are shared by every process (one Lua script opens-or-holds, one
// takes-and-renews, so nothing slips between them); the process that opened a window closes it.
// Reading the conversation drops what is held: nobody needs to hear of messages they have seen.
import type Redis from 'ioredis';
import { redisClients } from '@/lib/redis';
import { processSingleton } from '@/lib/singletons';
import type { Notification } from './payloads';

const windowKey = (userId: string, conversationId: string) => `relay:notify:window:${userId}:${conversationId}`;
const heldKey = (userId: string, conversationId: string) => `relay:notify:held:${userId}:${conversationId}`;

/** Opens the window (1) or holds the notification in it (0). The window outlives its timer, which closes it. */
const openOrHold = `
if redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return 1 end
redis.call('HINCRBY', KEYS[2], 'count', 1)
redis.call('HSET', KEYS[2], 'latest', ARGV[2])
if ARGV[3] == '1' then redis.call('HSET', KEYS[2], 'mention', '1') end
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return 0`;

/** Takes what was held and renews the window; with nothing held, closes it. */
const takeHeld = `
local held = redis.call('HGETALL', KEYS[2])
if #held == 0 then redis.call('DEL', KEYS[1]) return false end
redis.call('DEL', KEYS[2])
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
return held`;

type GateRedis = Redis & {
  relayNotifyOpen(window: string, held: string, ms: number, latest: string, mention: string): Promise<number>;
  relayNotifyTake(window: string, held: string, ms: number): Promise<string[] | null>;
};

function scripted(client: Redis): GateRedis {
  const c = client as GateRedis;
  if (typeof c.relayNotifyOpen !== 'function') {
    c.defineCommand('relayNotifyOpen', { numberOfKeys: 2, lua: openOrHold });
    c.defineCommand('relayNotifyTake', { numberOfKeys: 2, lua: takeHeld });
  }
  return c;
}

export type Held = { count: number; latest: Notification; mention: boolean };

type Local = Map<string, { held: Held | null }>;
const local = (): Local => processSingleton('notifyWindows', () => new Map());
const timers = () => processSingleton('notifyWindowTimers', () => new Set<ReturnType<typeof setTimeout>>());

/**
 * For each (person, notification): true when it goes out now (a window opened), false when it was
 * held in an open window. `onClose` is called with what a window held when it closes.
 */
export async function admit(
  items: { userId: string; notification: Notification }[],
  windowMs: number,
  onClose: (userId: string, held: Held) => void,
): Promise<boolean[]> {
  if (windowMs <= 0 || items.length === 0) return items.map(() => true);
  const redis = redisClients();
  let opened: boolean[];
  if (redis) {
    const client = scripted(redis.client);
    // The window lives twice its length: its timer, not Redis, closes it (unless this process dies).
    opened = (
      await Promise.all(
        items.map(({ userId, notification: n }) =>
          client.relayNotifyOpen(
            windowKey(userId, n.conversationId),
            heldKey(userId, n.conversationId),
            windowMs * 2,
            JSON.stringify(n),
            n.mention ? '1' : '0',
          ),
        ),
      )
    ).map((r) => r === 1);
  } else {
    opened = items.map(({ userId, notification: n }) => {
      const key = windowKey(userId, n.conversationId);
      const open = local().get(key);
      if (!open) {
        local().set(key, { held: null });
        return true;
      }
      open.held = { count: (open.held?.count ?? 0) + 1, latest: n, mention: (open.held?.mention ?? false) || n.mention };
      return false;
    });
  }
  items.forEach(({ userId, notification }, i) => {
    if (opened[i]) closeLater(userId, notification.conversationId, windowMs, onClose);
  });
  return opened;
}

function closeLater(userId: string, conversationId: string, windowMs: number, onClose: (userId: string, held: Held) => void) {
  const timer = setTimeout(() => {
    timers().delete(timer);
    void take(userId, conversationId, windowMs).then((held) => {
      if (!held) return;
      onClose(userId, held);
      closeLater(userId, conversationId, windowMs, onClose);
    });
  }, windowMs);
  timer.unref();
  timers().add(timer);
}

async function take(userId: string, conversationId: string, windowMs: number): Promise<Held | null> {
  const redis = redisClients();
  if (!redis) {
    const key = windowKey(userId, conversationId);
    const held = local().get(key)?.held ?? null;
    if (held) local().set(key, { held: null });
    else local().delete(key);
    return held;
  }
  const flat = await scripted(redis.client).relayNotifyTake(windowKey(userId, conversationId), heldKey(userId, conversationId), windowMs * 2);
  if (!flat) return null;
  const fields = new Map<string, string>();
  for (let i = 0; i < flat.length; i += 2) fields.set(flat[i], flat[i + 1]);
  const latest = fields.get('latest');
  if (!latest) return null;
  return { count: Number(fields.get('count') ?? 1), latest: JSON.parse(latest) as Notification, mention: fields.get('mention') === '1' };
}

/** The person read the conversation: what was held for them there is dropped. */
export async function dropHeld(userId: string, conversationId: string): Promise<void> {
  const redis = redisClients();
  if (!redis) {
    const open = local().get(windowKey(userId, conversationId));
    if (open) open.held = null;
    return;
  }
  await redis.client.del(heldKey(userId, conversationId));
}

/** At shutdown: windows this process would close are left to lapse. */
export function stopWindows(): void {
  for (const timer of timers()) clearTimeout(timer);
  timers().clear();
}
