import { describe, expect, it } from 'vitest';
import { browserSignIn, call, newUser, randomIp, uniqueName } from '../support/http';

describe('rate limits', () => {
  it('allows 10 sign-in attempts a minute per username and IP, then answers 429 with Retry-After', async () => {
    const user = await newUser();
    const ip = randomIp();
    for (let i = 0; i < 10; i++) {
      const reply = await call('POST', '/api/auth/token', { ip, body: { username: user.username, password: 'wrong password' } });
      expect(reply.status).toBe(401);
    }
    const limited = await call('POST', '/api/auth/token', { ip, body: { username: user.username, password: user.password } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // The browser sign-in shares the same budget for that username and IP.
    expect((await browserSignIn(user.username, user.password, ip)).cookie).toBeNull();
    // Another IP, or another username from this IP, is not affected.
    expect((await call('POST', '/api/auth/token', { ip: randomIp(), body: { username: user.username, password: user.password } })).status).toBe(200);
    const other = await newUser();
    expect((await call('POST', '/api/auth/token', { ip, body: { username: other.username, password: other.password } })).status).toBe(200);
  });

  it('allows 30 registrations an hour per IP, then answers 429', async () => {
    const ip = randomIp();
    for (let i = 0; i < 30; i++) {
      const reply = await call('POST', '/api/auth/register', { ip, body: { username: uniqueName('rl'), password: 'long enough' } });
      expect(reply.status).toBe(201);
    }
    const username = uniqueName('rl');
    const limited = await call('POST', '/api/auth/register', { ip, body: { username, password: 'long enough' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('POST', '/api/auth/token', { body: { username, password: 'long enough' } })).status).toBe(401);
  });
});
