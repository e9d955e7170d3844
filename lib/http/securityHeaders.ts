// Security headers and a nonce-based Content-Security-Policy on every response. The nonce is
// also put on the request, where Next reads it and stamps it on its own script tags.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // 'self' covers our own ws:/wss: origin (CSP Level 3); a bare ws: would let a page open sockets anywhere.
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Routes that answer with a stored file: no script, no origin, whatever the file holds. */
const FILE_ROUTE = /^\/api\/(attachments\/|users\/[^/?]+\/avatar(\?|$))/;
export const FILE_CSP = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, opts: { dev: boolean; https: boolean }) {
  const nonce = randomBytes(16).toString('base64');
  const csp = FILE_ROUTE.test(req.url ?? '') ? FILE_CSP : contentSecurityPolicy(nonce, opts.dev);
  req.headers['content-security-policy'] = csp;
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (opts.https) res.setHeader('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
}
