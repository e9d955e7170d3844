import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
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

describe('bearer secrets', () => {
  it('are prefixed by kind, random, and stored as a stable hash that does not contain them', () => {
    const s = newSecret('personal');
    expect(s).toMatch(/^chp_[A-Za-z0-9_-]{43}$/);
    expect(newSecret('personal')).not.toBe(s);
    expect(hashSecret(s)).toBe(hashSecret(s));
    expect(hashSecret(s)).not.toContain(s.slice(4));
  });
});
