// argon2id password hashing at (above) the OWASP minimum: 19 MiB, 2 passes, 1 lane. Every hash
// and verification takes one of a few slots (a core is left to the event loop), and only a bounded
// number wait for one, in two lanes: work for real accounts (a verification of an existing user's
// password, a hash for registration or a password change) and, served only when that lane is
// empty, the dummy verifications of unknown usernames. A flood of random usernames fills its own
// small lane and gets fast 503s, and real users still get through; beyond either bound, 503.
import os from 'node:os';
import argon2 from 'argon2';
import { libuvThreadPoolSize } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { processSingleton } from '@/lib/singletons';

export const argonOptions = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** One core for the event loop, the rest for argon2, never more than libuv's thread pool holds. */
export function argon2Slots(cores: number, threadPool: number): number {
  return Math.max(1, Math.min(cores - 1, threadPool));
}

/** At most this many argon2 computations at once. */
export const ARGON2_SLOTS = argon2Slots(os.availableParallelism(), libuvThreadPoolSize());
/** At most this many real-account computations wait for a slot; beyond it, 503. */
export const ARGON2_WAITING = 128;
/** At most this many unknown-username (dummy) verifications wait; beyond it, 503. */
export const ARGON2_WAITING_UNKNOWN = 32;

type Lane = 'known' | 'unknown';
type Gate = { active: number; known: (() => void)[]; unknown: (() => void)[] };

// One per process: server.ts and the Next bundle share the thread pool, so they share the gate.
const gate = () => processSingleton<Gate>('argon2Gate', () => ({ active: 0, known: [], unknown: [] }));

/** How busy the gate is: computations running, and waiting in all and per lane. */
export function argon2Load(): { active: number; waiting: number; waitingKnown: number; waitingUnknown: number } {
  const g = gate();
  return { active: g.active, waiting: g.known.length + g.unknown.length, waitingKnown: g.known.length, waitingUnknown: g.unknown.length };
}

async function inSlot<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
  const g = gate();
  const queue = g[lane];
  // A free slot means nobody waits (a released slot passes straight to the next in line).
  if (g.active < ARGON2_SLOTS) g.active++;
  else if (queue.length < (lane === 'known' ? ARGON2_WAITING : ARGON2_WAITING_UNKNOWN)) await new Promise<void>((resolve) => queue.push(resolve));
  else throw new AppError('unavailable', 'Too many sign-ins at once. Try again in a moment.', undefined, 1);
  try {
    return await work();
  } finally {
    // Real accounts first; unknown usernames only when none of those wait.
    const next = g.known.shift() ?? g.unknown.shift();
    if (next) next();
    else g.active--;
  }
}

export function hashPassword(password: string): Promise<string> {
  return inSlot('known', () => argon2.hash(password, argonOptions));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password. With no hash (unknown user) it verifies against a dummy hash of the
 * same cost, so an unknown username and a wrong password take the same time while the gate is
 * free. Under load they differ on purpose: the dummy waits behind real accounts and is the first
 * refused (see SECURITY.md).
 */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    // Made once, outside the gate: waiting for it while holding a slot could use up every slot.
    dummyHash ??= argon2.hash('not-a-real-password-' + Math.random(), argonOptions);
    const dummy = await dummyHash;
    await inSlot('unknown', () => argon2.verify(dummy, password).catch(() => false));
    return false;
  }
  return inSlot('known', async () => {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  });
}
