// Web Push to people's subscriptions: each payload is encrypted per subscription and posted; a
// subscription its push service says is gone (404, 410) is deleted; throttling, server errors and
// no answer are retried a bounded number of times with growing pauses; anything else (a refused
// request) is given up at once. Logs name the push service's origin, never the endpoint's path
// (which is the subscription's secret). A few pushes at a time per process.
import { eq, inArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { pushSubscriptions } from '@/db/schema';
import { describeError, log } from '@/lib/log';
import { semaphore } from '@/lib/concurrency';
import type { PushPayload } from './payloads';
import { endpointForLog, postPush, type PushTarget } from './pushTransport';

/** Pauses before the second and third attempts. */
export const RETRY_DELAYS_MS = [1_000, 3_000];
/** A push service may ask for a longer pause; longer than this and we give up. */
const MAX_RETRY_AFTER_MS = 30_000;
const CONCURRENCY = 16;
/** How long a push service keeps a message for a browser that is offline. */
const TTL_SECONDS = { message: 24 * 3600, read: 3600, test: 600 } as const;

const retryable = (status: number) => status === 0 || status === 429 || status >= 500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** At most this many pushes in flight in this process. */
const withSlot = semaphore('push', CONCURRENCY);

type Subscription = PushTarget & { id: string; userId: string };

/** Delivers to one subscription: true when the push service took it. */
async function deliver(subscription: Subscription, payload: PushPayload): Promise<boolean> {
  const body = JSON.stringify(payload);
  for (let attempt = 0; ; attempt++) {
    let outcome: Awaited<ReturnType<typeof postPush>>;
    try {
      outcome = await withSlot(() => postPush(subscription, body, TTL_SECONDS[payload.type]));
    } catch (error) {
      // Keys nothing can be encrypted to (stored before they were checked): this one fails, the others go.
      log.warn('push could not be prepared', { service: endpointForLog(subscription.endpoint), error: describeError(error) });
      return false;
    }
    if (outcome.status >= 200 && outcome.status < 300) return true;
    if (outcome.status === 404 || outcome.status === 410) {
      await db().delete(pushSubscriptions).where(eq(pushSubscriptions.id, subscription.id));
      log.info('push subscription gone', { service: endpointForLog(subscription.endpoint), status: outcome.status });
      return false;
    }
    const pause = outcome.retryAfterMs ?? RETRY_DELAYS_MS[attempt];
    if (!retryable(outcome.status) || attempt >= RETRY_DELAYS_MS.length || pause > MAX_RETRY_AFTER_MS) {
      log.warn('push failed', { service: endpointForLog(subscription.endpoint), status: outcome.status, attempts: attempt + 1 });
      return false;
    }
    await sleep(Math.max(pause, RETRY_DELAYS_MS[attempt]));
  }
}

export async function subscriptionsOf(userIds: string[]): Promise<Subscription[]> {
  if (userIds.length === 0) return [];
  return db()
    .select({
      id: pushSubscriptions.id,
      userId: pushSubscriptions.userId,
      endpoint: pushSubscriptions.endpoint,
      p256dh: pushSubscriptions.p256dh,
      auth: pushSubscriptions.auth,
    })
    .from(pushSubscriptions)
    .where(userIds.length === 1 ? eq(pushSubscriptions.userId, userIds[0]) : inArray(pushSubscriptions.userId, userIds));
}

/** Sends the payload to every subscription of these people; answers how many there were and how many took it. */
export async function pushTo(userIds: string[], payload: PushPayload): Promise<{ subscriptions: number; delivered: number }> {
  const subscriptions = await subscriptionsOf(userIds);
  const results = await Promise.all(subscriptions.map((s) => deliver(s, payload)));
  return { subscriptions: subscriptions.length, delivered: results.filter(Boolean).length };
}
