// The sign-in limits against the real server: whose IP a request counts against, what one IP
// may try across usernames, and what many IPs may try against one username.
import { describe, expect, it } from 'vitest';
import { browserSignIn, call, newUser, randomIp, uniqueName } from '../support/http';

const token = (username: string, password: string, forwardedFor: string) =>
  call('POST', '/api/auth/token', { body: { username, password }, headers: { 'x-forwarded-for': forwardedFor } });

describe('sign-in limits', () => {
  it('count against the right-most X-Forwarded-For hop: a made-up left-most one buys no fresh budget', async () => {
    const user = await newUser();
    const client = randomIp();
    for (let i = 0; i < 10; i++) expect((await token(user.username, 'wrong password', `${randomIp()}, ${client}`)).status).toBe(401);
    const limited = await token(user.username, user.password, `${randomIp()}, ${client}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('cannot be spent in someone else’s name by putting their IP first in X-Forwarded-For', async () => {
    const victim = await newUser();
    const victimIp = randomIp();
    for (let i = 0; i < 12; i++) expect((await token(victim.username, 'wrong password', `${victimIp}, ${randomIp()}`)).status).toBe(401);
    expect((await token(victim.username, victim.password, victimIp)).status).toBe(200);
  });

  it('allow 30 attempts a minute from one IP whatever the usernames, then refuse before hashing', async () => {
    const ip = randomIp();
    for (let i = 0; i < 30; i++)
      expect((await call('POST', '/api/auth/token', { ip, body: { username: uniqueName('nobody'), password: 'some password' } })).status).toBe(401);
    const started = performance.now();
    const limited = await call('POST', '/api/auth/token', { ip, body: { username: uniqueName('nobody'), password: 'some password' } });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(performance.now() - started).toBeLessThan(1000);
    // The browser sign-in counts against the same budget.
    const user = await newUser();
    expect((await browserSignIn(user.username, user.password, ip)).cookie).toBeNull();
  });

  it('lock a username that failed 20 times from anywhere, for its owner too, for at most a minute at first', async () => {
    const user = await newUser();
    for (let i = 0; i < 20; i++)
      expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: 'wrong password' } })).status).toBe(401);
    const locked = await call('POST', '/api/auth/token', { body: { username: user.username.toUpperCase(), password: user.password } });
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await browserSignIn(user.username, user.password)).cookie).toBeNull();
    // Other people are not affected.
    const other = await newUser();
    expect((await call('POST', '/api/auth/token', { body: { username: other.username, password: other.password } })).status).toBe(200);
  });

  it('forget a username’s failures once its owner signs in', async () => {
    const user = await newUser();
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 19; i++)
        expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: 'wrong password' } })).status).toBe(401);
      expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: user.password } })).status).toBe(200);
    }
  });
});
