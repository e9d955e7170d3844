// The sign-in limits, shared by POST /api/auth/token and the browser sign-in, all checked before a
// password is hashed: attempts per client IP and per username and IP; failures per IP across all
// usernames; and a username that failed too often from anywhere is locked for a while, each lock
// longer than the last but never more than 15 minutes, so its owner is slowed, never shut out.
import { getConfig } from '@/lib/config';
import { isAppError } from '@/lib/errors';
import { block, consume, count, forget, peek, rateLimitsEnabled, refusal, type LimitState } from '@/lib/rateLimit';
import { signInLimitKey } from '@/lib/users/service';

const MAX_LOCK_SECONDS = 15 * 60;

/** The n-th lock of a username lasts 1, 2, 4, 8, then 15 minutes. */
export function lockSeconds(n: number): number {
  return Math.min(MAX_LOCK_SECONDS, 60 * 2 ** Math.max(0, n - 1));
}

const normalised = (username: string) => username.trim().toLowerCase();

/**
 * Runs `check` (which hashes) only if every sign-in limit allows it, and counts its outcome: a
 * wrong password (an `unauthenticated` AppError) counts as a failure; a success clears the
 * username's failures. Returns the per-username-and-IP budget left, for the RateLimit-* headers.
 */
export async function limitedSignIn<T>(username: string, ip: string, check: () => Promise<T>): Promise<{ value: T; limit: LimitState | null }> {
  if (!rateLimitsEnabled()) return { value: await check(), limit: null };
  const name = normalised(username);
  await consume('signInIp', ip);
  const limit = await consume('signIn', signInLimitKey(name, ip));
  const ipFailures = await peek('signInFailuresIp', ip);
  if (ipFailures && ipFailures.consumed >= ipFailures.limit) {
    throw refusal('signInFailuresIp', ipFailures.msBeforeNext, 'Too many failed sign-ins from your network.');
  }
  const lock = await peek('signInLock', name);
  if (lock && lock.msBeforeNext > 0) throw refusal('signInFailuresUsername', lock.msBeforeNext, 'Too many failed sign-ins for this username.');
  try {
    const value = await check();
    await Promise.all([forget('signInFailuresUsername', name), forget('signInLockCount', name)]);
    return { value, limit };
  } catch (e) {
    if (isAppError(e) && e.code === 'unauthenticated') await countFailure(name, ip);
    throw e;
  }
}

async function countFailure(name: string, ip: string): Promise<void> {
  const [, failures] = await Promise.all([count('signInFailuresIp', ip), count('signInFailuresUsername', name)]);
  if (failures < getConfig().rateLimits.signInFailuresPerUsername) return;
  // Past the limit every further failure locks again, for longer, until the window lapses.
  await block('signInLock', name, lockSeconds(await count('signInLockCount', name)));
}
