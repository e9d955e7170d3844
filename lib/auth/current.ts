// The signed-in person for server components: one lookup per request, with a redirect to
// /login (and back) when there is none.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { PATH_HEADER } from '@/lib/http/stamp';
import { authenticate, type Actor } from './actor';

export const currentActor = cache(async (): Promise<Actor | null> => {
  const h = await headers();
  // Pages are authenticated by the cookie only.
  const cookieOnly = new Headers();
  const cookie = h.get('cookie');
  if (cookie) cookieOnly.set('cookie', cookie);
  return authenticate(cookieOnly);
});

export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (actor) return actor;
  const path = (await headers()).get(PATH_HEADER) ?? '/';
  redirect(`/login?callbackUrl=${encodeURIComponent(path)}`);
}

// Tabs, newlines and other controls, which browsers drop from URLs (`/\t/evil` is `//evil`), and backslashes, which they read as slashes.
const unsafe = /[\u0000-\u001f\u007f\\]/;
const here = 'https://relay.invalid';

/**
 * A callback URL is followed only when it is a path on this site: it must resolve against our
 * origin to our origin, and hold no control character or backslash, as sent or percent-decoded.
 * What is returned is the path, query and hash as resolved.
 */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = '/chat'): string {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !v.startsWith('/')) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(v);
  } catch {
    return fallback;
  }
  if (unsafe.test(v) || unsafe.test(decoded)) return fallback;
  for (const candidate of [v, decoded]) if (!candidate.startsWith('/') || new URL(candidate, here).origin !== here) return fallback;
  const url = new URL(v, here);
  return url.pathname + url.search + url.hash;
}
