import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/lib/auth/nextAuth';
import { signInErrors } from '@/lib/auth/signInErrors';

// Options are built per request: the secret comes from the configuration loaded at start-up.
async function handler(req: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  const response: Response = await NextAuth(req, context, authOptions());
  return req.method === 'POST' ? withSignInStatus(response) : response;
}

/**
 * next-auth answers every failed credentials sign-in with 401. A refusal by a rate limit and a
 * service that cannot check the password now are told apart, so clients wait and retry.
 */
async function withSignInStatus(response: Response): Promise<Response> {
  if (response.status !== 401 || !response.headers.get('content-type')?.includes('application/json')) return response;
  const { url } = (await response.clone().json()) as { url?: string };
  const error = url ? new URL(url, 'http://x').searchParams.get('error') : null;
  let status: number | undefined;
  let retryAfter: string | undefined;
  if (error === signInErrors.unavailable) [status, retryAfter] = [503, '1'];
  else if (error?.startsWith(signInErrors.rateLimitedPrefix)) [status, retryAfter] = [429, error.slice(signInErrors.rateLimitedPrefix.length)];
  if (!status || !retryAfter) return response;
  const headers = new Headers(response.headers);
  headers.set('Retry-After', retryAfter);
  return new Response(response.body, { status, headers });
}

export { handler as GET, handler as POST };
