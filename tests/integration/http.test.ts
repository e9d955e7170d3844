import { describe, expect, it } from 'vitest';
import { baseUrl, browserSignIn, call, newUser } from '../support/http';

describe('the error envelope at the edges', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    const reply = await call('POST', '/api/auth/register', { rawBody: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_json');
  });

  it('answers a body over 64 KiB with 413 and stores nothing', async () => {
    const user = await newUser();
    const reply = await call('PATCH', '/api/users/me', { token: user.token, body: { bio: 'x'.repeat(70 * 1024) } });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('payload_too_large');
    expect((await call('GET', '/api/users/me', { token: user.token })).body.user.bio).toBe('');
  });

  it('answers a non-JSON content type with 415', async () => {
    const reply = await call('POST', '/api/auth/register', { rawBody: 'username=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(reply.status).toBe(415);
    expect(reply.body.error.code).toBe('unsupported_media_type');
  });

  it('answers an unknown API path with a JSON 404, not an HTML page', async () => {
    const reply = await call('GET', '/api/no/such/thing');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(reply.body.error.code).toBe('not_found');
  });

  it('reports health', async () => {
    const reply = await call('GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
  });
});

describe('browser sessions', () => {
  it('sets an httpOnly, SameSite=Lax cookie that names a revocable session', async () => {
    const user = await newUser();
    const signIn = await browserSignIn(user.username, user.password);
    const setCookie = signIn.setCookie.find((c) => c.startsWith('next-auth.session-token='))!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = signIn.cookie!;
    expect((await call('GET', '/api/users/me', { cookie })).body.user.id).toBe(user.id);

    const logout = await call('POST', '/api/auth/logout', { cookie, headers: { origin: baseUrl() } });
    expect(logout.status).toBe(204);
    // The same cookie, replayed after logout, is refused: the session row is gone.
    expect((await call('GET', '/api/users/me', { cookie })).status).toBe(401);
  });

  it('refuses a wrong password in the browser flow without setting a session', async () => {
    const user = await newUser();
    const signIn = await browserSignIn(user.username, 'not my password');
    expect(signIn.cookie).toBeNull();
  });

  it('refuses cookie-authenticated writes from a foreign origin, and allows our own', async () => {
    const user = await newUser();
    const { cookie } = await browserSignIn(user.username, user.password);
    const foreign = await call('PATCH', '/api/users/me', { cookie: cookie!, headers: { origin: 'https://evil.example' }, body: { bio: 'pwned' } });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('forbidden');
    const crossSite = await call('PATCH', '/api/users/me', { cookie: cookie!, headers: { 'sec-fetch-site': 'cross-site' }, body: { bio: 'pwned' } });
    expect(crossSite.status).toBe(403);
    expect((await call('GET', '/api/users/me', { cookie: cookie! })).body.user.bio).toBe('');
    const own = await call('PATCH', '/api/users/me', { cookie: cookie!, headers: { origin: baseUrl() }, body: { bio: 'mine' } });
    expect(own.status).toBe(200);
    expect(own.body.user.bio).toBe('mine');
  });

  it('lets a bearer token write from any origin (no cookie, no CSRF risk)', async () => {
    const user = await newUser();
    const reply = await call('PATCH', '/api/users/me', { token: user.token, headers: { origin: 'https://bot.example' }, body: { bio: 'from a bot' } });
    expect(reply.status).toBe(200);
  });
});

describe('pages', () => {
  it('carry a nonce CSP without unsafe-inline scripts, and the security headers', async () => {
    for (const path of ['/login', '/register', '/api/health']) {
      const response = await fetch(baseUrl() + path);
      const csp = response.headers.get('content-security-policy') ?? '';
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
      expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
      expect(scriptSrc).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('stamps the page scripts with the nonce of the response', async () => {
    const response = await fetch(baseUrl() + '/login');
    const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1];
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it('send signed-out visitors of app pages to sign in, remembering where they were going', async () => {
    const response = await fetch(baseUrl() + '/settings', { redirect: 'manual' });
    expect(response.status).toBe(307);
    expect(response.headers.get('location')).toContain('/login?callbackUrl=%2Fsettings');
  });
});
