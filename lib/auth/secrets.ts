// Bearer secrets: random, prefixed by kind, stored only as a SHA-256 hash (they are high-entropy).
import { createHash, randomBytes } from 'node:crypto';

export const tokenPrefix = { session: 'chs_', personal: 'chp_' } as const;

export function newSecret(kind: keyof typeof tokenPrefix): string {
  return tokenPrefix[kind] + randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
