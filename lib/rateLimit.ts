// Rate limits (rate-limiter-flexible), one set per process, applied at the edges: the REST
// wrapper, the socket handlers and the browser sign-in. In memory, or in Redis with REDIS_URL so
// every process counts against the same budget; with Redis away each limiter counts in memory
// (its insurance) rather than failing the request.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from './config';
import { AppError } from './errors';
import { describeError, log } from './log';
import { redisClients } from './redis';
import { processSingleton } from './singletons';

export type LimitName =
  | 'signIn'
  | 'signInIp'
  | 'signInFailuresIp'
  | 'signInFailuresUsername'
  | 'signInLock'
  | 'signInLockCount'
  | 'register'
  | 'messageSend'
  | 'conversationCreate'
  | 'tokenCreate'
  | 'write'
  | 'draft'
  | 'upload'
  | 'pushTest'
  | 'handshake';

const minute = 60;

function build(): Record<LimitName, RateLimiterAbstract> {
  const { rateLimits: r } = getConfig();
  const redis = redisClients();
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    redis
      ? new RateLimiterRedis({
          storeClient: redis.client,
          keyPrefix: `relay:rl:${keyPrefix}`,
          points,
          duration,
          // Not waiting for reconnection attempts: count in this process until Redis is back.
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory({ keyPrefix: `insurance:${keyPrefix}`, points, duration }),
        })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  return {
    signIn: limiter('signin', r.signInPerMinute, minute),
    signInIp: limiter('signin-ip', r.signInPerIpPerMinute, minute),
    signInFailuresIp: limiter('signin-fail-ip', r.signInFailuresPerIp, 15 * minute),
    signInFailuresUsername: limiter('signin-fail-user', r.signInFailuresPerUsername, 15 * minute),
    // Only ever blocked (for the lock's length) and read.
    signInLock: limiter('signin-lock', 1, 15 * minute),
    // How many times a username was locked lately: each lock is longer than the one before.
    signInLockCount: limiter('signin-locks', 1_000_000, 60 * minute),
    register: limiter('register', r.registerPerHour, 3600),
    messageSend: limiter('send', r.messagesPer10s, 10),
    conversationCreate: limiter('conv', r.conversationsPerMinute, minute),
    tokenCreate: limiter('token', r.tokensPerMinute, minute),
    write: limiter('write', r.writesPerMinute, minute),
    // Saved about once a second while someone types: its own budget of the same size as writes.
    draft: limiter('draft', r.writesPerMinute, minute),
    upload: limiter('upload', getConfig().files.uploadsPerMinute, minute),
    // Each test reaches out to every push service the person subscribed with.
    pushTest: limiter('push-test', 5, minute),
    handshake: limiter('handshake', getConfig().handshakesPerMinute, minute),
  };
}

const limiters = () => processSingleton('rateLimiters', build);

export type LimitState = { limit: number; remaining: number; resetSeconds: number };

export function limitHeaders(state: LimitState): Record<string, string> {
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  };
}

export function rateLimitsEnabled(): boolean {
  return getConfig().rateLimits.enabled;
}

/** The 429 for a refusal by `name` that lifts in `msBeforeNext`. */
export function refusal(name: LimitName, msBeforeNext: number, message = 'Too many requests.'): AppError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new AppError('rate_limited', `${message} Try again in ${retryAfter} s.`, undefined, retryAfter, {
    ...limitHeaders({ limit: limiters()[name].points, remaining: 0, resetSeconds: retryAfter }),
  });
}

/** A refusal is a RateLimiterRes; checked by shape, as two bundles may hold two copies of the class. */
const msBeforeNextOf = (e: unknown) => (e as { msBeforeNext?: unknown } | null)?.msBeforeNext;

/** A store failure the insurance did not absorb: the limit cannot be counted, so the request is not served. */
function unavailable(error: unknown): AppError {
  log.warn('rate limit store failed', { error: describeError(error) });
  return new AppError('unavailable', 'The service is briefly unavailable. Try again in a moment.', undefined, 1);
}

/**
 * Counts one attempt against `key`. Past the limit it throws rate_limited with Retry-After and
 * the RateLimit-* headers; else it returns what is left. With RATE_LIMITS=off, null.
 */
export async function consume(name: LimitName, key: string): Promise<LimitState | null> {
  if (!rateLimitsEnabled()) return null;
  const limiter = limiters()[name];
  try {
    const res = await limiter.consume(key);
    return { limit: limiter.points, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
  } catch (e) {
    const msBeforeNext = msBeforeNextOf(e);
    throw typeof msBeforeNext === 'number' ? refusal(name, msBeforeNext) : unavailable(e);
  }
}

/** What `key` has used of `name` and when that lifts, without counting anything; null when unused. */
export async function peek(name: LimitName, key: string): Promise<{ consumed: number; limit: number; msBeforeNext: number } | null> {
  const limiter = limiters()[name];
  const res = await limiter.get(key).catch((e) => Promise.reject(unavailable(e)));
  return res ? { consumed: res.consumedPoints, limit: limiter.points, msBeforeNext: res.msBeforeNext } : null;
}

/** Counts one against `key` without refusing; returns how many are counted now. */
export async function count(name: LimitName, key: string): Promise<number> {
  const res = await limiters()
    [name].penalty(key)
    .catch((e) => Promise.reject(unavailable(e)));
  return res.consumedPoints;
}

/** Marks `key` as over the limit of `name` for `seconds`. */
export async function block(name: LimitName, key: string, seconds: number): Promise<void> {
  await limiters()
    [name].block(key, seconds)
    .catch((e) => Promise.reject(unavailable(e)));
}

export async function forget(name: LimitName, key: string): Promise<void> {
  await limiters()
    [name].delete(key)
    .catch((e) => Promise.reject(unavailable(e)));
}
