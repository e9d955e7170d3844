// Web Push on the wire: web-push signs (VAPID) and encrypts (aes128gcm) the request; this module
// sends it. A push endpoint is a URL a browser handed us, so it is treated as hostile: https only,
// and never an address inside our own network (checked when it is registered and again on every
// connection, so DNS cannot be rebound to one in between). PUSH_ALLOW_INSECURE_ENDPOINTS lifts
// both rules for tests against a push service on this machine.
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import webPush from 'web-push';
import { getConfig } from '@/lib/config';
import { vapidKeys } from './vapid';

export type PushTarget = { endpoint: string; p256dh: string; auth: string };

/** What the push service said: a status, or no answer at all (`status: 0`). */
export type PushOutcome = { status: number; retryAfterMs: number | null };

const TIMEOUT_MS = 10_000;

/** Public unicast only: no loopback, private, link-local, carrier-grade NAT, multicast or reserved ranges. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

/** Why an endpoint is refused (a sentence for the API's error), or null when it may be used. */
export function endpointProblem(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'Send the endpoint of a PushSubscription (a URL).';
  }
  const insecure = getConfig().notifications.allowInsecureEndpoints;
  if (url.protocol !== 'https:' && !(insecure && url.protocol === 'http:')) return 'A push endpoint is an https URL.';
  if (url.username || url.password) return 'A push endpoint carries no credentials.';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!insecure && (host === 'localhost' || host.endsWith('.localhost') || (ipaddr.isValid(host) && !isPublicAddress(host)))) {
    return 'A push endpoint is on the public internet.';
  }
  return null;
}

/** DNS resolution that refuses to connect anywhere but the public internet. */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...(options as LookupOptions), all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const usable = (addresses as LookupAddress[]).filter((a) => isPublicAddress(a.address));
    if (usable.length === 0) return callback(Object.assign(new Error(`push endpoint ${hostname} resolves to no public address`), { code: 'ENOTFOUND' }), '', 0);
    if ((options as LookupOptions).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
    callback(null, usable[0].address, usable[0].family);
  });
};

function retryAfter(header: string | string[] | undefined): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Encrypts `payload` for the subscription and posts it once. Never throws: a failure is `status: 0`. */
export async function postPush(target: PushTarget, payload: string, ttlSeconds: number): Promise<PushOutcome> {
  const config = getConfig().notifications;
  const keys = vapidKeys();
  const details = webPush.generateRequestDetails({ endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } }, payload, {
    vapidDetails: { subject: config.vapidSubject, publicKey: keys.publicKey, privateKey: keys.privateKey },
    TTL: ttlSeconds,
    urgency: 'high',
    contentEncoding: 'aes128gcm',
  });
  const url = new URL(details.endpoint);
  const client = url.protocol === 'http:' ? http : https;
  return new Promise<PushOutcome>((resolve) => {
    const request = client.request(
      url,
      {
        method: details.method,
        headers: details.headers as http.OutgoingHttpHeaders,
        timeout: TIMEOUT_MS,
        lookup: config.allowInsecureEndpoints ? undefined : publicLookup,
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfterMs: retryAfter(response.headers['retry-after']) }));
        response.on('error', () => resolve({ status: 0, retryAfterMs: null }));
      },
    );
    request.on('timeout', () => request.destroy(new Error('push service timed out')));
    request.on('error', () => resolve({ status: 0, retryAfterMs: null }));
    request.end(details.body ?? undefined);
  });
}

/** The endpoint as it may be logged: its origin only (the path is the subscription's secret). */
export function endpointForLog(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return '(invalid)';
  }
}
