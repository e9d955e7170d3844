// Redis, when REDIS_URL is set: one command client per process (rate limits, the adapter's
// publisher) and a subscriber for the Socket.IO adapter. Without it, everything stays in memory.
import { Redis } from 'ioredis';
import { getConfig } from './config';
import { peekProcessSingleton, setProcessSingleton } from './singletons';

type Clients = { client: Redis; subscriber: Redis };

export function redisClients(): { client: Redis; subscriber: Redis } | null {
  const url = getConfig().redisUrl;
  if (!url) return null;
  let clients = peekProcessSingleton<Clients>('redis');
  if (!clients) {
    const client = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
    clients = { client, subscriber: client.duplicate() };
    setProcessSingleton('redis', clients);
  }
  return clients;
}

export async function closeRedis(): Promise<void> {
  const clients = peekProcessSingleton<Clients>('redis');
  setProcessSingleton('redis', undefined);
  if (clients) await Promise.allSettled([clients.client.quit(), clients.subscriber.quit()]);
}
