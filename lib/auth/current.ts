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

/** A callback URL is followed only when it is a path on this site. */
export function safeCallbackUrl(value: string | string[] | undefined, fallback = '/chat'): string {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\') ? v : fallback;
}
