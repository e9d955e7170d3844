import { describe, expect, it } from 'vitest';
import { ARGON2_SLOTS, ARGON2_WAITING, argon2Load, hashPassword, verifyPassword } from '@/lib/auth/password';
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

describe('the argon2 gate', () => {
  it(`runs ${ARGON2_SLOTS} at once, lets ${ARGON2_WAITING} wait, and refuses the rest with 503 and Retry-After`, async () => {
    const hash = await hashPassword('correct horse');
    const admitted = Array.from({ length: ARGON2_SLOTS + ARGON2_WAITING }, (_, i) => (i % 2 ? hashPassword(`p${i}`) : verifyPassword(hash, `p${i}`)));
    expect(argon2Load()).toEqual({ active: ARGON2_SLOTS, waiting: ARGON2_WAITING });
    for (const refused of [hashPassword('one more'), verifyPassword(hash, 'one more')]) {
      await expect(refused).rejects.toMatchObject({ code: 'unavailable', status: 503, retryAfter: 1 });
    }
    await Promise.all(admitted);
    expect(argon2Load()).toEqual({ active: 0, waiting: 0 });
    // Unknown users' dummy verifications take the same gate (their dummy hash made beforehand).
    await verifyPassword(undefined, 'warm-up');
    const again = Array.from({ length: ARGON2_SLOTS + ARGON2_WAITING }, () => hashPassword('again'));
    await expect(verifyPassword(undefined, 'anything')).rejects.toMatchObject({ code: 'unavailable' });
    await Promise.all(again);
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
