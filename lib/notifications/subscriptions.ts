// Web Push subscriptions: a browser registers the PushSubscription it got from its push service.
// It belongs to the session (or token) that registered it, so signing out there ends it; an
// endpoint is one browser profile, so registering it again hands it to whoever did. A person keeps
// at most MAX_SUBSCRIPTIONS (the oldest go), and an endpoint inside our own network is refused.
import { lookup } from 'node:dns/promises';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { db } from '@/db/client';
import { pushSubscriptions } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import type { PushSubscriptionInput } from '@/lib/schemas/notifications';
import { endpointProblem, isPublicAddress } from './pushTransport';

export const MAX_SUBSCRIPTIONS = 20;

const refuse = (message: string) => new AppError('validation_failed', message, [{ path: 'endpoint', message }]);

/** The endpoint's host must resolve to the public internet (checked again on every push). */
async function requireReachable(endpoint: string): Promise<void> {
  const problem = endpointProblem(endpoint);
  if (problem) throw refuse(problem);
  if (getConfig().notifications.allowInsecureEndpoints) return;
  const host = new URL(endpoint).hostname.replace(/^\[|\]$/g, '');
  const addresses = await lookup(host, { all: true }).catch(() => []);
  if (!addresses.some((a) => isPublicAddress(a.address))) throw refuse('The push endpoint’s host does not resolve to a public address.');
}

export type SubscriptionInfo = { id: string; endpoint: string; createdAt: string };

export async function addSubscription(actor: Actor, input: PushSubscriptionInput): Promise<SubscriptionInfo> {
  await requireReachable(input.endpoint);
  const owner = { userId: actor.userId, sessionId: actor.sessionId ?? null, tokenId: actor.tokenId ?? null };
  return db().transaction(async (tx) => {
    const [row] = await tx
      .insert(pushSubscriptions)
      .values({ ...owner, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { ...owner, p256dh: input.keys.p256dh, auth: input.keys.auth, createdAt: new Date() },
      })
      .returning();
    const keep = tx
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, actor.userId))
      .orderBy(desc(pushSubscriptions.createdAt), desc(pushSubscriptions.id))
      .limit(MAX_SUBSCRIPTIONS);
    await tx.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, actor.userId), notInArray(pushSubscriptions.id, keep)));
    return { id: row.id, endpoint: row.endpoint, createdAt: row.createdAt.toISOString() };
  });
}

/** Removes the caller's subscription at that endpoint; someone else's stays (and the answer is the same). */
export async function removeSubscription(actor: Actor, endpoint: string): Promise<void> {
  await db()
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, actor.userId), eq(pushSubscriptions.endpoint, endpoint)));
}
