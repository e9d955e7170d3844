// What server.ts decides before any route runs: one body limit for every write under /api (next-auth's
// routes included), no CORS for sign-in and registration, and the page CSP.
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { baseUrl, browserSignIn, call, newUser, randomIp } from '../support/http';

const over = 64 * 1024 + 1;

/** A body streamed in chunks with no Content-Length, as a client that does not know its size sends it. */
function streamed(path: string, contentType: string, size: number): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl());
    const req = request(url, { method: 'POST', headers: { 'content-type': contentType, 'x-forwarded-for': randomIp(), 'transfer-encoding': 'chunked' } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d)).on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    let sent = 0;
    const next = () => {
      while (sent < size) {
        const chunk = Buffer.alloc(Math.min(4096, size - sent), 97);
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', next);
      }
      req.end();
    };
    next();
  });
}

const tooLarge = { status: 413, body: { error: { code: 'payload_too_large' } } };

describe('the body limit at the edge', () => {
  it('refuses a declared body over 64 KiB on next-auth’s sign-in route', async () => {
    const response = await fetch(baseUrl() + '/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': randomIp(), origin: baseUrl() },
      body: 'username=ada&password=' + 'a'.repeat(over),
      redirect: 'manual',
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('cuts off a streamed body past 64 KiB on next-auth’s sign-in route', async () => {
    expect(await streamed('/api/auth/callback/credentials', 'application/x-www-form-urlencoded', 1024 * 1024)).toMatchObject(tooLarge);
  });

  it('does the same on our own routes', async () => {
    const declared = await call('POST', '/api/auth/register', {
      rawBody: JSON.stringify({ username: 'big', password: 'a'.repeat(over) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(declared).toMatchObject(tooLarge);
    expect(await streamed('/api/auth/register', 'application/json', over + 10)).toMatchObject(tooLarge);
  });

  it('still signs people in with ordinary bodies afterwards', async () => {
    const user = await newUser();
    expect((await browserSignIn(user.username, user.password)).cookie).not.toBeNull();
  });
});

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

describe('the page CSP', () => {
  it('lets pages connect to their own origin only', async () => {
    const csp = (await fetch(baseUrl() + '/login')).headers.get('content-security-policy') ?? '';
    expect(csp.split('; ')).toContain("connect-src 'self'");
  });
});
