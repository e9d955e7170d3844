import { afterAll, describe, expect, it } from 'vitest';
import { consume } from '@/lib/rateLimit';
import { closeRedis } from '@/lib/redis';
import { useTestConfig } from './test-config';

afterAll(() => closeRedis());

describe('rate limits with Redis away', () => {
  it('keep counting in memory instead of failing the request', async () => {
    // Nothing listens on port 1: every Redis command fails.
    useTestConfig({ REDIS_URL: 'redis://127.0.0.1:1' });
    const started = performance.now();
    for (let i = 0; i < 10; i++) await expect(consume('signIn', 'alice|192.0.2.1')).resolves.toMatchObject({ limit: 10, remaining: 9 - i });
    await expect(consume('signIn', 'alice|192.0.2.1')).rejects.toMatchObject({ code: 'rate_limited' });
    // Without waiting for reconnection attempts.
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
