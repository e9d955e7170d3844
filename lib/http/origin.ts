// Same-origin checks for cookie-authenticated writes and WebSocket handshakes.
import { getConfig } from '@/lib/config';
import { trustsAnyProxy } from './clientIp';

/** The app's own origin: APP_URL when set, else the origin this request was addressed to. */
export function ownOrigin(host: string | null | undefined, forwardedProto?: string | null): string | null {
  const { appUrl, trustProxy } = getConfig();
  if (appUrl) return appUrl;
  if (!host) return null;
  const proto = trustsAnyProxy(trustProxy) && forwardedProto ? forwardedProto.split(',')[0].trim() : 'http';
  return `${proto}://${host}`;
}

export function isAllowedOrigin(origin: string, own: string | null): boolean {
  return origin === own || getConfig().allowedOrigins.includes(origin);
}

/**
 * Whether a browser request came from our own pages. A request with no Origin (a script, curl)
 * is accepted unless Sec-Fetch-Site says it was cross-site.
 */
export function isSameOriginRequest(headers: Headers): boolean {
  const origin = headers.get('origin');
  if (origin === null || origin === '') return headers.get('sec-fetch-site') !== 'cross-site';
  return isAllowedOrigin(origin, ownOrigin(headers.get('host'), headers.get('x-forwarded-proto')));
}
