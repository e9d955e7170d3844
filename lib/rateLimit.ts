// Rate limits (rate-limiter-flexible), one set per process, applied at the edges: the REST
// wrapper, the socket handlers and the browser sign-in. In memory, or in Redis with REDIS_URL so
// every process counts against the same budget.
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from './config';
import { AppError } from './errors';
import { redisClients } from './redis';
import { processSingleton } from './singletons';

export type LimitName = 'signIn' | 'register' | 'messageSend' | 'conversationCreate' | 'tokenCreate' | 'write' | 'handshake';

function build(): Record<LimitName, RateLimiterAbstract> {
  const { rateLimits: r } = getConfig();
  const redis = redisClients();
  // With Redis every process counts against the same budget.
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis.client, keyPrefix: `relay:rl:${keyPrefix}`, points, duration })
      : new RateLimiterMemory({ keyPrefix, points, duration });
  return {
    signIn: limiter('signin', r.signInPerMinute, 60),
    register: limiter('register', r.registerPerHour, 3600),
    messageSend: limiter('send', r.messagesPer10s, 10),
    conversationCreate: limiter('conv', r.conversationsPerMinute, 60),
    tokenCreate: limiter('token', r.tokensPerMinute, 60),
    write: limiter('write', r.writesPerMinute, 60),
    handshake: limiter('handshake', getConfig().handshakesPerMinute, 60),
  };
}

export type LimitState = { limit: number; remaining: number; resetSeconds: number };

export function limitHeaders(state: LimitState): Record<string, string> {
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
  };
}

/**
 * Counts one attempt against `key`. Past the limit it throws rate_limited with Retry-After and
 * the RateLimit-* headers; else it returns what is left. With RATE_LIMITS=off, null.
 */
export async function consume(name: LimitName, key: string): Promise<LimitState | null> {
  if (!getConfig().rateLimits.enabled) return null;
  const limiter = processSingleton('rateLimiters', build)[name];
  try {
    const res = await limiter.consume(key);
    return { limit: limiter.points, remaining: res.remainingPoints, resetSeconds: Math.ceil(res.msBeforeNext / 1000) };
  } catch (e) {
    // A refusal is a RateLimiterRes; checked by shape, as two bundles may hold two copies of the class.
    const msBeforeNext = (e as { msBeforeNext?: unknown }).msBeforeNext;
    if (typeof msBeforeNext !== 'number') throw e;
    const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
    throw new AppError('rate_limited', `Too many requests. Try again in ${retryAfter} s.`, undefined, retryAfter, {
      ...limitHeaders({ limit: limiter.points, remaining: 0, resetSeconds: retryAfter }),
    });
  }
}
