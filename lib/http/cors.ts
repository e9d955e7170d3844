// CORS for the API: scripts on any origin may call it with a bearer token (no credentials);
// cookie-authenticated requests are never allowed cross-origin ("*" excludes credentials, and
// cross-origin cookie writes are refused by the origin check).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedOrigin, ownOrigin } from './origin';
import { routePath } from './routePath';

/**
 * Sign-in, registration and the emailed-link routes answer other origins without CORS headers: else any web page could
 * spend its visitors' IPs (and their rate-limit budgets) on guesses and read the answers.
 * Scripts (no Origin) and our own pages are unaffected.
 */
export const noCorsPaths = ['/api/auth/token', '/api/auth/register', '/api/auth/password-reset/request', '/api/auth/password-reset', '/api/auth/verify-email'];

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Adds CORS headers to cross-origin API requests; answers preflights. Returns true when it answered. */
export function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = header(req.headers.origin);
  if (!origin || !req.url?.startsWith('/api/')) return false;
  const path = routePath(req.url);
  if (path === null || noCorsPaths.includes(path)) return false;
  if (isAllowedOrigin(origin, ownOrigin(header(req.headers.host), header(req.headers['x-forwarded-proto'])))) return false;
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Allow');
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return true;
  }
  return false;
}
