// Request schemas of notifications: levels per conversation and Web Push subscriptions.
import { createPublicKey } from 'node:crypto';
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

/** An uncompressed P-256 public key (0x04 ‖ x ‖ y) that is a point on the curve: nothing else can be encrypted to. */
function onCurve(value: string): boolean {
  const raw = Buffer.from(value, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) return false;
  try {
    createPublicKey({
      key: { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') },
      format: 'jwk',
    });
    return true;
  } catch {
    return false;
  }
}

export const endpoint = text().min(1, 'Send the subscription’s endpoint.').max(2048, 'Use at most 2,048 characters.');

/** A browser's PushSubscription, as its toJSON() gives it. */
export const pushSubscriptionInput = z.object({
  endpoint,
  expirationTime: z.number().nullable().optional(),
  keys: z.object({
    p256dh: key(65, 'keys.p256dh').refine(onCurve, 'keys.p256dh is an uncompressed point on P-256.'),
    auth: key(16, 'keys.auth'),
  }),
});

export const pushUnsubscribeInput = z.object({ endpoint });

export type PushSubscriptionInput = z.infer<typeof pushSubscriptionInput>;
