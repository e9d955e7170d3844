// A push service for tests, on 127.0.0.1: it stands where a browser vendor's service would, checks
// every request as one should (VAPID, RFC 8292; headers, RFC 8030) and decrypts the body (RFC 8291
// over RFC 8188) with the subscription's private key. Written on node:crypto alone, never with the
// library the server may send with, so a mistake shared by sender and checker cannot hide.
import { createECDH, createDecipheriv, createPublicKey, hkdfSync, randomBytes, randomUUID, verify, type ECDH } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The JSON a browser's PushSubscription.toJSON() gives, which the test posts to /api/push/subscriptions. */
export type SubscriptionJson = { endpoint: string; keys: { p256dh: string; auth: string } };

/** One request the service received, whatever it answered. */
export type PushRequest = {
  /** The endpoint's name (see `endpoint`); '' when the path names none. */
  name: string;
  method: string;
  headers: IncomingHttpHeaders;
  /** The status the service answered with. */
  status: number;
  /** Whether the request passed every check (VAPID, headers, decryption). */
  valid: boolean;
  /** Why it did not, when it did not. */
  problem?: string;
  /** The VAPID JWT's claims and the key it was signed with (base64url), once parsed. */
  claims?: { aud?: unknown; exp?: unknown; sub?: unknown };
  vapidKey?: string;
  ttl?: number;
  urgency?: string;
  topic?: string;
  /** The decrypted body, and its JSON when it parses. */
  text?: string;
  payload?: any;
  at: number;
};

/** A request that was valid and answered with 2xx: what the push service would deliver to the browser. */
export type PushMessage = PushRequest & { valid: true; text: string };

type Client = { ecdh: ECDH; publicKey: Buffer; auth: Buffer };

export type PushService = {
  url: string;
  /** The endpoint URL for `name`: requests to it are recorded under that name. */
  endpoint: (name: string) => string;
  /** A new browser-side key pair and auth secret for `name` (replacing any earlier one), as its PushSubscription's JSON. */
  newSubscription: (name: string) => SubscriptionJson;
  /**
   * What `name` answers to valid requests: a list is used up in order (then 201 again);
   * a single status is answered to every request from now on. Invalid requests get 400/401/403 regardless.
   */
  respond: (name: string, statuses: number[] | number) => void;
  /** Only VAPID requests signed with this key (base64url, 65 bytes) are accepted; others get 403. */
  expectKey: (key: string | null) => void;
  /** Every request so far, to `name` when given. */
  requests: (name?: string) => PushRequest[];
  /** The requests that failed a check. */
  invalid: () => PushRequest[];
  /** The next `count` messages delivered to `name` (after those already taken); rejects after `timeoutMs`. */
  take: (name: string, count?: number, timeoutMs?: number) => Promise<PushMessage[]>;
  /** Resolves with every request to `name` once there are at least `count` (whatever they were answered); rejects after `timeoutMs`. */
  arrived: (name: string, count: number, timeoutMs?: number) => Promise<PushRequest[]>;
  /** Resolves after `windowMs` if no request reached `name` meanwhile and no delivered message is left untaken; else rejects. */
  none: (name: string, windowMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

const b64url = (bytes: Buffer) => bytes.toString('base64url');
const fromB64url = (text: string) => Buffer.from(text, 'base64url');

/** Starts the service on a free port. */
export async function startPushService(): Promise<PushService> {
  const clients = new Map<string, Client>();
  const scripts = new Map<string, { list: number[]; forever: number | null }>();
  const log: PushRequest[] = [];
  const taken = new Map<string, number>();
  const waiters = new Set<() => void>();
  let expectedKey: Buffer | null = null;
  let url = '';

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const record = handle(req, Buffer.concat(chunks));
      log.push(record);
      answer(res, record);
      for (const wake of [...waiters]) wake();
    });
  });

  function handle(req: IncomingMessage, body: Buffer): PushRequest {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const name = path.startsWith('/push/') ? decodeURIComponent(path.slice('/push/'.length)) : '';
    const record: PushRequest = { name, method: req.method ?? '', headers: req.headers, status: 0, valid: false, at: Date.now() };
    const fail = (status: number, problem: string) => Object.assign(record, { status, valid: false, problem });
    if (!name || (!clients.has(name) && !scripts.has(name))) return fail(404, `no endpoint at ${path}`);
    if (req.method !== 'POST') return fail(405, `${req.method} instead of POST`);

    const vapid = checkVapid(req.headers.authorization, new URL(url).origin, record);
    if (vapid) return fail(vapid.status, vapid.problem);

    if (req.headers['content-encoding'] !== 'aes128gcm') return fail(400, `Content-Encoding ${req.headers['content-encoding'] ?? 'missing'}, not aes128gcm`);
    const ttl = req.headers.ttl;
    if (ttl === undefined || !/^\d+$/.test(ttl as string))
      return fail(400, `TTL header ${ttl === undefined ? 'missing' : `"${ttl}" is not a number of seconds`}`);
    record.ttl = Number(ttl);
    const urgency = req.headers.urgency as string | undefined;
    if (urgency !== undefined && !['very-low', 'low', 'normal', 'high'].includes(urgency)) return fail(400, `Urgency "${urgency}"`);
    record.urgency = urgency;
    const topic = req.headers.topic as string | undefined;
    if (topic !== undefined && !/^[A-Za-z0-9_-]{1,32}$/.test(topic)) return fail(400, `Topic "${topic}"`);
    record.topic = topic;
    if (body.length > 4096) return fail(413, `a body of ${body.length} bytes, over 4096`);

    const client = clients.get(name);
    if (!client) return fail(400, `no subscription keys for ${name} to decrypt with`);
    try {
      record.text = decrypt(body, client).toString('utf8');
    } catch (e) {
      return fail(400, `cannot decrypt: ${(e as Error).message}`);
    }
    try {
      record.payload = JSON.parse(record.text);
    } catch {
      // not JSON: the text is what the test sees
    }
    record.valid = true;
    record.status = nextStatus(name);
    return record;
  }

  /** Checks `Authorization: vapid t=<JWT>, k=<key>`; returns what is wrong, or null. */
  function checkVapid(header: string | undefined, origin: string, record: PushRequest): { status: number; problem: string } | null {
    const unauthorized = (problem: string) => ({ status: 401, problem });
    if (!header) return unauthorized('no Authorization header');
    const scheme = /^vapid\s+(.*)$/i.exec(header);
    if (!scheme) return unauthorized(`Authorization is not the vapid scheme: ${header.slice(0, 40)}`);
    const params = new Map<string, string>();
    for (const part of scheme[1].split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) params.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
    }
    const token = params.get('t');
    const key = params.get('k');
    if (!token || !key) return unauthorized('vapid without t= and k=');
    record.vapidKey = key;

    const keyBytes = fromB64url(key);
    if (keyBytes.length !== 65 || keyBytes[0] !== 0x04) return unauthorized(`k is not an uncompressed P-256 point (${keyBytes.length} bytes)`);
    let publicKey;
    try {
      publicKey = createPublicKey({
        key: { kty: 'EC', crv: 'P-256', x: b64url(keyBytes.subarray(1, 33)), y: b64url(keyBytes.subarray(33, 65)) },
        format: 'jwk',
      });
    } catch (e) {
      return unauthorized(`k is not a P-256 public key: ${(e as Error).message}`);
    }

    const parts = token.split('.');
    if (parts.length !== 3) return unauthorized('the JWT has not three parts');
    let header0: any;
    let claims: any;
    try {
      header0 = JSON.parse(fromB64url(parts[0]).toString('utf8'));
      claims = JSON.parse(fromB64url(parts[1]).toString('utf8'));
    } catch {
      return unauthorized('the JWT header or claims are not JSON');
    }
    record.claims = claims;
    if (header0?.alg !== 'ES256') return unauthorized(`JWT alg ${header0?.alg}, not ES256`);
    if (header0.typ !== undefined && header0.typ !== 'JWT') return unauthorized(`JWT typ ${header0.typ}`);
    const signature = fromB64url(parts[2]);
    if (signature.length !== 64) return unauthorized(`a JWT signature of ${signature.length} bytes, not 64 (r||s)`);
    const signed = verify('sha256', Buffer.from(`${parts[0]}.${parts[1]}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    if (!signed) return unauthorized('the JWT signature does not verify under k');

    if (claims?.aud !== origin) return unauthorized(`aud ${JSON.stringify(claims?.aud)}, not the endpoint's origin ${origin}`);
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return unauthorized(`exp ${JSON.stringify(claims.exp)} is not a number`);
    if (claims.exp <= now) return unauthorized(`exp ${claims.exp} is not in the future (now ${now})`);
    // At most 24 hours ahead (a second's grace for a sender that rounds up).
    if (claims.exp > now + 24 * 3600 + 1) return unauthorized(`exp is ${claims.exp - now} s ahead, over 24 hours`);
    let subject: URL | null = null;
    try {
      subject = typeof claims.sub === 'string' ? new URL(claims.sub) : null;
    } catch {
      subject = null;
    }
    if (!subject || !['mailto:', 'https:'].includes(subject.protocol)) return unauthorized(`sub ${JSON.stringify(claims.sub)} is not a mailto: or https: URL`);

    if (expectedKey && !expectedKey.equals(keyBytes)) return { status: 403, problem: `signed with k=${key}, not the expected ${b64url(expectedKey)}` };
    return null;
  }

  function nextStatus(name: string): number {
    const script = scripts.get(name);
    if (!script) return 201;
    if (script.list.length) return script.list.shift()!;
    return script.forever ?? 201;
  }

  function answer(res: ServerResponse, record: PushRequest) {
    if (record.status === 201) res.setHeader('location', `/message/${randomUUID()}`);
    res.statusCode = record.status;
    res.setHeader('content-type', 'text/plain');
    res.end(record.problem ?? '');
  }

  const delivered = (name: string) => log.filter((r): r is PushMessage => r.name === name && r.valid && r.status >= 200 && r.status < 300);

  const describe = (name: string) =>
    log
      .filter((r) => r.name === name)
      .map((r) => `${r.status}${r.valid ? '' : ` invalid: ${r.problem}`}${r.text ? ` ${r.text.slice(0, 120)}` : ''}`)
      .join('\n  ') || 'nothing';

  /** Resolves when `ready()` holds, checking after every request; rejects with `why()` at the deadline. */
  function until(ready: () => boolean, timeoutMs: number, why: () => string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!ready()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(why()));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const endpoint = (name: string) => {
    if (!scripts.has(name)) scripts.set(name, { list: [], forever: null });
    return `${url}/push/${encodeURIComponent(name)}`;
  };

  return {
    url,
    endpoint,
    newSubscription: (name) => {
      const ecdh = createECDH('prime256v1');
      const publicKey = ecdh.generateKeys();
      const auth = randomBytes(16);
      clients.set(name, { ecdh, publicKey, auth });
      return { endpoint: endpoint(name), keys: { p256dh: b64url(publicKey), auth: b64url(auth) } };
    },
    respond: (name, statuses) => {
      endpoint(name);
      scripts.set(name, Array.isArray(statuses) ? { list: [...statuses], forever: null } : { list: [], forever: statuses });
    },
    expectKey: (key) => {
      expectedKey = key === null ? null : fromB64url(key);
    },
    requests: (name) => (name === undefined ? [...log] : log.filter((r) => r.name === name)),
    invalid: () => log.filter((r) => !r.valid),
    take: async (name, count = 1, timeoutMs = 5_000) => {
      const from = taken.get(name) ?? 0;
      await until(
        () => delivered(name).length >= from + count,
        timeoutMs,
        () => `expected ${count} push message(s) for ${name} within ${timeoutMs} ms after ${from} taken; the endpoint received:\n  ${describe(name)}`,
      );
      taken.set(name, from + count);
      return delivered(name).slice(from, from + count);
    },
    arrived: async (name, count, timeoutMs = 5_000) => {
      const all = () => log.filter((r) => r.name === name);
      await until(
        () => all().length >= count,
        timeoutMs,
        () => `expected ${count} request(s) at ${name} within ${timeoutMs} ms; the endpoint received:\n  ${describe(name)}`,
      );
      return all();
    },
    none: async (name, windowMs = 1_000) => {
      const before = log.filter((r) => r.name === name).length;
      await new Promise((r) => setTimeout(r, windowMs));
      const arrived = log.filter((r) => r.name === name).slice(before);
      const untaken = delivered(name).slice(taken.get(name) ?? 0);
      if (arrived.length || untaken.length)
        throw new Error(
          `expected no push for ${name}; ${arrived.length} request(s) arrived in ${windowMs} ms, ${untaken.length} untaken:\n  ${describe(name)}`,
        );
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * RFC 8188 with RFC 8291's keys: header salt(16) | rs(4) | idlen(1) | keyid (the sender's
 * public key, 65 bytes), then a single record sealed with AES-128-GCM, padded and ended by 0x02.
 */
function decrypt(body: Buffer, client: Client): Buffer {
  if (body.length < 21) throw new Error(`a body of ${body.length} bytes has no aes128gcm header`);
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  if (idlen !== 65) throw new Error(`keyid of ${idlen} bytes, not the sender's 65-byte public key`);
  const senderPublic = body.subarray(21, 21 + 65);
  if (senderPublic.length !== 65 || senderPublic[0] !== 0x04) throw new Error('keyid is not an uncompressed P-256 point');
  const records = body.subarray(21 + 65);
  if (rs < 18) throw new Error(`record size ${rs} under 18`);
  if (records.length < 17) throw new Error('no record after the header');
  if (records.length > rs) throw new Error(`${records.length} bytes of records with rs ${rs}: Web Push allows a single record`);

  const shared = client.ecdh.computeSecret(senderPublic);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), client.publicKey, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, client.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));

  // The only record is record 0: its nonce is NONCE XOR 0.
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end--;
  if (end < 0 || padded[end] !== 0x02) throw new Error(`the last record does not end with the 0x02 delimiter (${end < 0 ? 'all zero' : padded[end]})`);
  return padded.subarray(0, end);
}
