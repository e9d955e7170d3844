import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { limitedSignIn, lockSeconds } from '@/lib/auth/signInLimits';
import { AppError } from '@/lib/errors';
import { useTestConfig } from './test-config';

const wrong = () => Promise.reject(new AppError('unauthenticated', 'Wrong username or password.'));
const right = () => Promise.resolve('signed in');
let n = 0;
const freshIp = () => `192.0.2.${n++ % 250}`;

async function failures(username: string, times: number, ip = freshIp) {
  for (let i = 0; i < times; i++) await expect(limitedSignIn(username, ip(), wrong)).rejects.toMatchObject({ code: 'unauthenticated' });
}

beforeEach(() => {
  vi.useFakeTimers();
  useTestConfig();
});
afterEach(() => vi.useRealTimers());

describe('sign-in limits', () => {
  it('lock a username after 20 failures from anywhere, before any hashing, for a minute', async () => {
    await failures('Alice', 20);
    const check = vi.fn(right);
    await expect(limitedSignIn('alice', freshIp(), check)).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 60 });
    expect(check).not.toHaveBeenCalled();
    // Other usernames are not affected.
    await expect(limitedSignIn('bob', freshIp(), right)).resolves.toMatchObject({ value: 'signed in' });
  });

  it('lock again for longer after each failure past the limit, and let the owner in once it lapses', async () => {
    await failures('carol', 20);
    for (const seconds of [60, 120, 240]) {
      await expect(limitedSignIn('carol', freshIp(), right)).rejects.toMatchObject({ retryAfter: seconds });
      vi.advanceTimersByTime(seconds * 1000 + 1);
      await failures('carol', 1);
    }
    vi.advanceTimersByTime(480 * 1000 + 1);
    await expect(limitedSignIn('carol', freshIp(), right)).resolves.toMatchObject({ value: 'signed in' });
  });

  it('never lock for more than 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(lockSeconds)).toEqual([60, 120, 240, 480, 900, 900, 900]);
  });

  it('forget a username’s failures when its owner signs in', async () => {
    await failures('dave', 19);
    await limitedSignIn('dave', freshIp(), right);
    await failures('dave', 19);
    await expect(limitedSignIn('dave', freshIp(), right)).resolves.toMatchObject({ value: 'signed in' });
  });

  it('refuse an IP after 50 failures across all usernames in 15 minutes, before any hashing', async () => {
    const ip = () => '198.51.100.20';
    for (let i = 0; i < 50; i++) {
      if (i % 25 === 0) vi.advanceTimersByTime(61_000); // stay under the attempts-per-minute limit
      await failures(`user${i}`, 1, ip);
    }
    vi.advanceTimersByTime(61_000);
    const check = vi.fn(right);
    const refused = limitedSignIn('someone', ip(), check);
    await expect(refused).rejects.toMatchObject({ code: 'rate_limited' });
    expect(((await refused.catch((e) => e)) as AppError).retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(check).not.toHaveBeenCalled();
  });

  it('refuse an IP past 30 attempts a minute whatever the usernames, before any hashing', async () => {
    for (let i = 0; i < 30; i++) await limitedSignIn(`name${i}`, '198.51.100.30', right);
    const check = vi.fn(right);
    await expect(limitedSignIn('another', '198.51.100.30', check)).rejects.toMatchObject({ code: 'rate_limited' });
    expect(check).not.toHaveBeenCalled();
  });

  it('count nothing with RATE_LIMITS=off', async () => {
    useTestConfig({ RATE_LIMITS: 'off' });
    await failures('erin', 30, () => '198.51.100.40');
    await expect(limitedSignIn('erin', '198.51.100.40', right)).resolves.toEqual({ value: 'signed in', limit: null });
  });
});
