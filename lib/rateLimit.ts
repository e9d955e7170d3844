// Rate limits (rate-limiter-flexible), one set per process, applied at the edges: the REST
// wrapper, the socket handlers and the browser sign-in. In memory for now; with REDIS_URL they
// move to Redis so every process shares the counts.
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from './config';
import { AppError } from './errors';

export type LimitName = 'signIn' | 'register' | 'messageSend' | 'conversationCreate' | 'tokenCreate' | 'write';

function build(): Record<LimitName, RateLimiterAbstract> {
  const { rateLimits: r } = getConfig();
  return {
    signIn: new RateLimiterMemory({ keyPrefix: 'signin', points: r.signInPerMinute, duration: 60 }),
    register: new RateLimiterMemory({ keyPrefix: 'register', points: r.registerPerHour, duration: 3600 }),
    messageSend: new RateLimiterMemory({ keyPrefix: 'send', points: r.messagesPer10s, duration: 10 }),
    conversationCreate: new RateLimiterMemory({ keyPrefix: 'conv', points: r.conversationsPerMinute, duration: 60 }),
    tokenCreate: new RateLimiterMemory({ keyPrefix: 'token', points: r.tokensPerMinute, duration: 60 }),
    write: new RateLimiterMemory({ keyPrefix: 'write', points: r.writesPerMinute, duration: 60 }),
  };
}

const store = globalThis as unknown as { __chatLimiters?: Record<LimitName, RateLimiterAbstract> };

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
  store.__chatLimiters ??= build();
  const limiter = store.__chatLimiters[name];
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
