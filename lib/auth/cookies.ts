// The next-auth session cookie: its name, and reading the session id out of a Cookie header.
import { decode } from 'next-auth/jwt';
import { getConfig } from '@/lib/config';

export function sessionCookieName(secure = getConfig().secureCookies): string {
  return secure ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/**
 * The Set-Cookie that clears the session cookie. A browser ignores a `__Secure-` cookie set
 * without `Secure`, so on https the clearing one says Secure too, or the old cookie stays.
 */
export function clearedSessionCookie(secure = getConfig().secureCookies): string {
  return `${sessionCookieName(secure)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT${secure ? '; Secure' : ''}`;
}

export function readCookie(cookieHeader: string | null | undefined, name: string): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The session id named by the JWT in the cookie, if it decrypts and has not expired. */
export async function sessionIdFromCookie(cookieHeader: string | null | undefined): Promise<string | null> {
  const jwt = readCookie(cookieHeader, sessionCookieName());
  if (!jwt) return null;
  try {
    const token = await decode({ token: jwt, secret: getConfig().authSecret });
    return typeof token?.sid === 'string' ? token.sid : null;
  } catch {
    return null;
  }
}
