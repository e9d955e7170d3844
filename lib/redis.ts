// Redis, when REDIS_URL is set: one command client per process (rate limits, the adapter's
// publisher) and a subscriber for the Socket.IO adapter. Without it, everything stays in memory.
import { Redis } from 'ioredis';
import { getConfig } from './config';

const store = globalThis as unknown as { __chatRedis?: { client: Redis; subscriber: Redis } };

export function redisClients(): { client: Redis; subscriber: Redis } | null {
  const url = getConfig().redisUrl;
  if (!url) return null;
  if (!store.__chatRedis) {
    const client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    store.__chatRedis = { client, subscriber: client.duplicate() };
  }
  return store.__chatRedis;
}

export async function closeRedis(): Promise<void> {
  const clients = store.__chatRedis;
  store.__chatRedis = undefined;
  if (clients) await Promise.allSettled([clients.client.quit(), clients.subscriber.quit()]);
}
