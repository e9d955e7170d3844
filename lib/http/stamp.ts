// Facts about a request decided once in server.ts and passed inward in headers nobody else can
// set: the client's IP (for rate limits) and the page path (for "come back here after sign-in").
import type { IncomingMessage } from 'node:http';

export const CLIENT_IP_HEADER = 'x-chat-client-ip';
export const PATH_HEADER = 'x-chat-path';

export function stampRequest(req: IncomingMessage, trustProxy: boolean): void {
  let ip = req.socket.remoteAddress ?? 'unknown';
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) ip = first;
  }
  req.headers[CLIENT_IP_HEADER] = ip;
  const url = new URL(req.url ?? '/', 'http://x');
  url.searchParams.delete('_rsc');
  req.headers[PATH_HEADER] = url.pathname + url.search;
}

export function clientIpOf(headers: Headers | Record<string, string | string[] | undefined>): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return (Array.isArray(value) ? value[0] : value) ?? 'unknown';
}
