import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { applySecurityHeaders } from '@/lib/http/securityHeaders';

function apply(opts: { dev: boolean; https: boolean }) {
  const req = { headers: {} } as IncomingMessage;
  const headers: Record<string, string> = {};
  const res = { setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value) } as unknown as ServerResponse;
  applySecurityHeaders(req, res, opts);
  return { headers, requestCsp: req.headers['content-security-policy'] as string };
}

describe('security headers', () => {
  it('send HSTS only on https', () => {
    expect(apply({ dev: false, https: true }).headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(apply({ dev: false, https: false }).headers['strict-transport-security']).toBeUndefined();
  });

  it('give every response a fresh nonce, the same one Next reads from the request', () => {
    const a = apply({ dev: false, https: false });
    const b = apply({ dev: false, https: false });
    expect(a.requestCsp).toBe(a.headers['content-security-policy']);
    expect(a.headers['content-security-policy']).not.toBe(b.headers['content-security-policy']);
  });

  it('allow eval only in development (for hot reload)', () => {
    expect(apply({ dev: false, https: false }).headers['content-security-policy']).not.toContain('unsafe-eval');
    expect(apply({ dev: true, https: false }).headers['content-security-policy']).toContain('unsafe-eval');
  });

  it('let pages connect to their own origin only (same-origin WebSockets included)', () => {
    const csp = apply({ dev: false, https: false }).headers['content-security-policy'];
    const connect = csp.split('; ').find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self'");
  });
});
