// Rate limits (rate-limiter-flexible), one set per process, shared by REST and sockets.
// In memory for now; with REDIS_URL they move to Redis so every process shares the counts.
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConfig } from './config';
import { errors } from './errors';

export type LimitName = 'signIn' | 'register' | 'messageSend';

function build(): Record<LimitName, RateLimiterAbstract> {
  const { rateLimits } = getConfig();
  return {
    signIn: new RateLimiterMemory({ keyPrefix: 'signin', points: rateLimits.signInPerMinute, duration: 60 }),
    register: new RateLimiterMemory({ keyPrefix: 'register', points: rateLimits.registerPerHour, duration: 3600 }),
    messageSend: new RateLimiterMemory({ keyPrefix: 'send', points: rateLimits.messagesPer10s, duration: 10 }),
  };
}

const store = globalThis as unknown as { __chatLimiters?: Record<LimitName, RateLimiterAbstract> };

/** Counts one attempt against `key`; throws rate_limited (with Retry-After seconds) past the limit. */
export async function consume(name: LimitName, key: string): Promise<void> {
  if (!getConfig().rateLimits.enabled) return;
  store.__chatLimiters ??= build();
  try {
    await store.__chatLimiters[name].consume(key);
  } catch (e) {
    // A refusal is a RateLimiterRes; checked by shape, as two bundles may hold two copies of the class.
    const msBeforeNext = (e as { msBeforeNext?: unknown }).msBeforeNext;
    if (typeof msBeforeNext === 'number') throw errors.rateLimited(Math.max(1, Math.ceil(msBeforeNext / 1000)));
    throw e;
  }
}
