// What server.ts decides before any route runs: no CORS for sign-in and registration.
import { describe, expect, it } from 'vitest';
import { baseUrl, call, newUser } from '../support/http';

describe('CORS', () => {
  const evil = 'https://evil.example';

  it('sends none for sign-in and registration, so other sites cannot read the answers', async () => {
    const user = await newUser();
    for (const path of ['/api/auth/token', '/api/auth/register']) {
      const preflight = await fetch(baseUrl() + path, {
        method: 'OPTIONS',
        headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const answer = await call('POST', path, { body: { username: user.username, password: user.password }, headers: { origin: evil } });
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('still lets scripts and our own pages sign in', async () => {
    const user = await newUser();
    expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: user.password } })).status).toBe(200);
    expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: user.password }, headers: { origin: baseUrl() } })).status).toBe(
      200,
    );
  });

  it('still answers bearer calls from any origin', async () => {
    const user = await newUser();
    const reply = await call('GET', '/api/users/me', { token: user.token, headers: { origin: evil } });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
  });
});
