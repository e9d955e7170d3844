import { describe, expect, it } from 'vitest';
import { clearedSessionCookie, sessionCookieName } from '@/lib/auth/cookies';
import { useTestConfig } from './test-config';

function parse(setCookie: string) {
  const [pair, ...attributes] = setCookie.split(';').map((p) => p.trim());
  const [name, value] = pair.split('=');
  return { name, value, attributes: Object.fromEntries(attributes.map((a) => [a.split('=')[0].toLowerCase(), a.split('=')[1] ?? true])) };
}

describe('the cleared session cookie', () => {
  it('on https is the __Secure- cookie with Secure, or the browser would keep the old one', () => {
    const cookie = parse(clearedSessionCookie(true));
    expect(cookie).toMatchObject({ name: '__Secure-next-auth.session-token', value: '' });
    expect(cookie.attributes).toMatchObject({ secure: true, path: '/', httponly: true, samesite: 'Lax', 'max-age': '0' });
  });

  it('on http is the plain cookie, without Secure', () => {
    const cookie = parse(clearedSessionCookie(false));
    expect(cookie.name).toBe('next-auth.session-token');
    expect(cookie.attributes.secure).toBeUndefined();
    expect(cookie.attributes['max-age']).toBe('0');
  });

  it('follows APP_URL: https clears with Secure', () => {
    useTestConfig({ APP_URL: 'https://chat.example.com' });
    expect(parse(clearedSessionCookie()).attributes.secure).toBe(true);
    useTestConfig({ APP_URL: 'http://localhost:3000' });
    expect(parse(clearedSessionCookie()).attributes.secure).toBeUndefined();
  });

  it('clears the cookie the session is read from', () => {
    for (const secure of [true, false]) expect(parse(clearedSessionCookie(secure)).name).toBe(sessionCookieName(secure));
  });
});
