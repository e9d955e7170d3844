// Request schemas of notifications: levels per conversation and Web Push subscriptions.
import { z } from 'zod';
import { text } from './common';

export const notifyInput = z.object({
  level: z.enum(['all', 'mentions', 'none'], { error: 'Use all, mentions or none.' }),
});

/** base64url of exactly `bytes` bytes. */
const key = (bytes: number, what: string) =>
  text()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `Send ${what} as base64url.`)
    .refine((value) => Buffer.from(value, 'base64url').length === bytes, `${what} is ${bytes} bytes.`);

export const endpoint = text().min(1, 'Send the subscription’s endpoint.').max(2048, 'Use at most 2,048 characters.');

/** A browser's PushSubscription, as its toJSON() gives it. */
export const pushSubscriptionInput = z.object({
  endpoint,
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: key(65, 'keys.p256dh').refine((value) => Buffer.from(value, 'base64url')[0] === 4, 'keys.p256dh is an uncompressed P-256 point.'),
    auth: key(16, 'keys.auth'),
  }),
});

export const pushUnsubscribeInput = z.object({ endpoint });

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;
