// argon2id password hashing at (above) the OWASP minimum: 19 MiB, 2 passes, 1 lane. Every hash
// and verification takes one of a few slots, and only a bounded number wait for one: a flood of
// sign-ins gets 503s rather than an ever longer queue in libuv's thread pool, ahead of everyone.
import argon2 from 'argon2';
import { AppError } from '@/lib/errors';
import { processSingleton } from '@/lib/singletons';

export const argonOptions = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** At most this many argon2 computations at once (libuv's thread pool has 4 threads by default). */
export const ARGON2_SLOTS = 4;
/** At most this many wait for a slot; beyond it, 503. */
export const ARGON2_WAITING = 64;

type Gate = { active: number; waiting: (() => void)[] };

// One per process: server.ts and the Next bundle share the thread pool, so they share the gate.
const gate = () => processSingleton<Gate>('argon2Gate', () => ({ active: 0, waiting: [] }));

export function argon2Load(): { active: number; waiting: number } {
  const g = gate();
  return { active: g.active, waiting: g.waiting.length };
}

async function inSlot<T>(work: () => Promise<T>): Promise<T> {
  const g = gate();
  if (g.active < ARGON2_SLOTS) g.active++;
  else if (g.waiting.length < ARGON2_WAITING) await new Promise<void>((resolve) => g.waiting.push(resolve));
  else throw new AppError('unavailable', 'Too many sign-ins at once. Try again in a moment.', undefined, 1);
  try {
    return await work();
  } finally {
    // The slot passes straight to the next in line, if any.
    const next = g.waiting.shift();
    if (next) next();
    else g.active--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return inSlot(() => argon2.hash(password, argonOptions));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no hash (unknown user) it verifies against a dummy hash of the
 * same cost, so an unknown username and a wrong password take the same time.
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    // Made once, outside the gate: waiting for it while holding a slot could use up every slot.
    dummyHash ??= argon2.hash('not-a-real-password-' + Math.random(), argonOptions);
    const dummy = await dummyHash;
    await inSlot(() => argon2.verify(dummy, password).catch(() => false));
    return false;
  }
  return inSlot(async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}
