import os from 'node:os';
import argon2 from 'argon2';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ARGON2_SLOTS, ARGON2_WAITING, ARGON2_WAITING_UNKNOWN, argon2Load, argon2Slots, hashPassword, verifyPassword } from '@/lib/auth/password';
import { libuvThreadPoolSize } from '@/lib/config';
import { hashSecret, newSecret } from '@/lib/auth/secrets';

describe('password hashing', () => {
  it('uses argon2id with at least 19 MiB, 2 passes and 1 lane, salted', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(a).not.toBe(b);
  });

  it('verifies the right password only', async () => {
    const hash = await hashPassword('correct horse');
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'Correct horse')).toBe(false);
  });

  it('answers false for an unknown user (no hash) and for a corrupt hash', async () => {
    expect(await verifyPassword(undefined, 'anything')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false);
  });
});

/**
 * Holds every argon2 call until released, recording the order in which they got a slot (by the
 * password each was given): the gate's order made visible, without real argon2 time.
 */
function holdArgon2() {
  const started: string[] = [];
  const held: (() => void)[] = [];
  const hold = <T>(label: string, value: T) => {
    started.push(label);
    return new Promise<T>((resolve) => held.push(() => resolve(value)));
  };
  vi.spyOn(argon2, 'hash').mockImplementation(((password: string) => hold(password, '$argon2id$held')) as typeof argon2.hash);
  vi.spyOn(argon2, 'verify').mockImplementation((_hash: string, password: string | Buffer) => hold(String(password), false));
  return {
    started,
    /** Ends the oldest running computation and lets the gate pass its slot on. */
    async releaseOne() {
      held.shift()!();
      await settle();
    },
    async releaseAll() {
      while (held.length) await this.releaseOne();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the argon2 gate', () => {
  let realHash: string;
  beforeAll(async () => {
    realHash = await hashPassword('correct horse');
    await verifyPassword(undefined, 'makes the dummy hash before anything is held');
  });
  afterEach(() => {
    vi.restoreAllMocks();
    expect(argon2Load()).toEqual({ active: 0, waiting: 0, waitingKnown: 0, waitingUnknown: 0 });
  });

  it('leaves a core to the event loop and never outgrows libuv’s thread pool', () => {
    expect([argon2Slots(1, 4), argon2Slots(2, 4), argon2Slots(4, 4), argon2Slots(8, 4), argon2Slots(8, 16), argon2Slots(32, 16)]).toEqual([1, 1, 3, 4, 7, 16]);
    expect(ARGON2_SLOTS).toBe(argon2Slots(os.availableParallelism(), libuvThreadPoolSize()));
    expect([
      libuvThreadPoolSize({}),
      libuvThreadPoolSize({ UV_THREADPOOL_SIZE: '16' }),
      libuvThreadPoolSize({ UV_THREADPOOL_SIZE: '0' }),
      libuvThreadPoolSize({ UV_THREADPOOL_SIZE: '5000' }),
    ]).toEqual([4, 16, 1, 1024]);
  });

  it('still verifies a dummy hash for an unknown username when nothing waits', async () => {
    const verify = vi.spyOn(argon2, 'verify');
    expect(await verifyPassword(undefined, 'anything')).toBe(false);
    expect(verify).toHaveBeenCalledTimes(1);
  });

  it('serves a waiting real account before every waiting unknown username, whatever the order they came in', async () => {
    const argon = holdArgon2();
    const busy = Array.from({ length: ARGON2_SLOTS }, (_, i) => hashPassword(`busy ${i}`));
    const unknown = ['nobody 1', 'nobody 2', 'nobody 3'].map((p) => verifyPassword(undefined, p));
    await settle();
    const known = [verifyPassword(realHash, 'real 1'), hashPassword('registering'), verifyPassword(realHash, 'real 2')];
    await settle();
    expect(argon2Load()).toEqual({ active: ARGON2_SLOTS, waiting: 6, waitingKnown: 3, waitingUnknown: 3 });
    expect(argon.started).toEqual(busy.map((_, i) => `busy ${i}`));

    await argon.releaseOne();
    expect(argon.started.slice(ARGON2_SLOTS)).toEqual(['real 1']);
    await argon.releaseAll();
    expect(argon.started.slice(ARGON2_SLOTS)).toEqual(['real 1', 'registering', 'real 2', 'nobody 1', 'nobody 2', 'nobody 3']);
    await Promise.all([...busy, ...unknown, ...known]);
  });

  it(`lets ${ARGON2_WAITING_UNKNOWN} unknown usernames wait and refuses the next with 503 and Retry-After, while real accounts still queue`, async () => {
    const argon = holdArgon2();
    const busy = Array.from({ length: ARGON2_SLOTS }, (_, i) => verifyPassword(undefined, `busy ${i}`));
    await settle();
    const unknown = Array.from({ length: ARGON2_WAITING_UNKNOWN }, (_, i) => verifyPassword(undefined, `nobody ${i}`));
    await settle();
    await expect(verifyPassword(undefined, 'one nobody too many')).rejects.toMatchObject({ code: 'unavailable', status: 503, retryAfter: 1 });

    const real = verifyPassword(realHash, 'real');
    const registering = hashPassword('registering');
    await settle();
    expect(argon2Load()).toEqual({ active: ARGON2_SLOTS, waiting: ARGON2_WAITING_UNKNOWN + 2, waitingKnown: 2, waitingUnknown: ARGON2_WAITING_UNKNOWN });
    await argon.releaseAll();
    await expect(real).resolves.toBe(false);
    await expect(registering).resolves.toBe('$argon2id$held');
    expect(argon.started.slice(ARGON2_SLOTS, ARGON2_SLOTS + 2)).toEqual(['real', 'registering']);
    await Promise.all([...busy, ...unknown]);
  });

  it(`lets ${ARGON2_WAITING} real-account computations wait and refuses the next, of either lane, with 503`, async () => {
    const argon = holdArgon2();
    const admitted = Array.from({ length: ARGON2_SLOTS + ARGON2_WAITING }, (_, i) => (i % 2 ? hashPassword(`p${i}`) : verifyPassword(realHash, `p${i}`)));
    await settle();
    expect(argon2Load()).toMatchObject({ active: ARGON2_SLOTS, waitingKnown: ARGON2_WAITING });
    for (const refused of [hashPassword('one more'), verifyPassword(realHash, 'one more')]) {
      await expect(refused).rejects.toMatchObject({ code: 'unavailable', status: 503, retryAfter: 1 });
    }
    // The unknown lane is its own: it still takes waiters, served after all of the above.
    const unknown = verifyPassword(undefined, 'nobody');
    await settle();
    expect(argon2Load().waitingUnknown).toBe(1);
    await argon.releaseAll();
    expect(argon.started.at(-1)).toBe('nobody');
    await Promise.all([...admitted, unknown]);
  });
});

describe('bearer secrets', () => {
  it('are prefixed by kind, random, and stored as a stable hash that does not contain them', () => {
    const s = newSecret('personal');
    expect(s).toMatch(/^chp_[A-Za-z0-9_-]{43}$/);
    expect(newSecret('personal')).not.toBe(s);
    expect(hashSecret(s)).toBe(hashSecret(s));
    expect(hashSecret(s)).not.toContain(s.slice(4));
  });
});
