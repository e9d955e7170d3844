// Facts about a request decided once in server.ts and passed inward in headers nobody else can
// set: the client's IP (for rate limits) and the page path (for "come back here after sign-in").
import type { IncomingMessage } from 'node:http';
import { addressKey, clientAddress, type CompiledTrust } from './clientIp';

export const CLIENT_IP_HEADER = 'x-chat-client-ip';
export const PATH_HEADER = 'x-chat-path';

export function stampRequest(req: IncomingMessage, trust: CompiledTrust): void {
  // Whatever the client sent under these names is overwritten.
  req.headers[CLIENT_IP_HEADER] = addressKey(clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], trust));
  const url = new URL(req.url ?? '/', 'http://x');
  url.searchParams.delete('_rsc');
  req.headers[PATH_HEADER] = url.pathname + url.search;
}

/** The client's rate-limit key: its IPv4 address, or its IPv6 /64. */
export function clientIpOf(headers: Headers | Record<string, string | string[] | undefined>): string {
  const value = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  return (Array.isArray(value) ? value[0] : value) ?? 'unknown';
}
