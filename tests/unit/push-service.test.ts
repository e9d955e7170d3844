// The tests' push service (tests/support/pushService.ts) against an independent sender, the
// web-push library: what web-push encrypts and signs, the service verifies and decrypts; what is
// forged, expired, mis-addressed or tampered with, it refuses and records as invalid.
import https, { type RequestOptions } from 'node:https';
import net from 'node:net';
import { createPrivateKey, sign } from 'node:crypto';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPushService, type PushService } from '../support/pushService';

/** web-push speaks https only; this agent hands it plain TCP, so it can reach the local http service unchanged. */
class PlainAgent extends https.Agent {
  // The agent uses the socket returned here (no callback needed).
  createConnection(options: RequestOptions) {
    return net.createConnection(options as net.NetConnectOpts);
  }
}
const agent = new PlainAgent();

let push: PushService;
const vapid = webpush.generateVAPIDKeys();
const vapidDetails = { subject: 'mailto:ops@relay.test', publicKey: vapid.publicKey, privateKey: vapid.privateKey };

beforeAll(async () => {
  push = await startPushService();
});
afterAll(async () => {
  agent.destroy();
  await push.close();
});

const send = (subscription: webpush.PushSubscription, payload: string, options: webpush.RequestOptions = {}) =>
  webpush.sendNotification(subscription, payload, { vapidDetails, TTL: 60, agent, ...options });

/** Sends web-push's request details (headers and body), changed by `change`, with fetch. */
async function sendChanged(
  subscription: webpush.PushSubscription,
  change: (details: { headers: Record<string, string>; body: Buffer }) => void,
  options: webpush.RequestOptions = {},
) {
  const details = webpush.generateRequestDetails(subscription, '{"type":"test"}', { vapidDetails, TTL: 60, ...options });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(details.headers)) if (k.toLowerCase() !== 'content-length') headers[k] = String(v);
  const request = { headers, body: details.body as Buffer };
  change(request);
  const response = await fetch(details.endpoint, { method: 'POST', headers: request.headers, body: new Uint8Array(request.body) });
  return response.status;
}

/** A VAPID JWT signed here, to say what web-push would refuse to (a long expiry, a bad subject, another alg). */
function jwt(claims: Record<string, unknown>, header: Record<string, unknown> = { typ: 'JWT', alg: 'ES256' }, keys = vapid) {
  const pub = Buffer.from(keys.publicKey, 'base64url');
  const key = createPrivateKey({
    key: { kty: 'EC', crv: 'P-256', x: pub.subarray(1, 33).toString('base64url'), y: pub.subarray(33).toString('base64url'), d: keys.privateKey },
    format: 'jwk',
  });
  const data = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${data}.${sign('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
}

const now = () => Math.floor(Date.now() / 1000);

describe('the test push service', () => {
  it('verifies and decrypts what web-push sends, and answers 201', async () => {
    const subscription = push.newSubscription('plain');
    const payload = JSON.stringify({ type: 'message', body: 'héllo 👋 '.repeat(20) });
    const result = await send(subscription, payload, { urgency: 'high', topic: 'conv1' });
    expect(result.statusCode).toBe(201);
    const [message] = await push.take('plain');
    expect(message).toMatchObject({ valid: true, status: 201, text: payload, payload: JSON.parse(payload), ttl: 60, urgency: 'high', topic: 'conv1' });
    expect(message.vapidKey).toBe(vapid.publicKey);
    expect(message.claims).toMatchObject({ aud: push.url, sub: 'mailto:ops@relay.test' });
    expect(push.invalid()).toEqual([]);
  });

  it('decrypts near the 4096-byte limit, and refuses a body over it with 413', async () => {
    const subscription = push.newSubscription('big');
    const payload = 'x'.repeat(3900);
    expect((await send(subscription, payload)).statusCode).toBe(201);
    expect((await push.take('big'))[0].text).toBe(payload);
    await expect(send(subscription, 'x'.repeat(4050))).rejects.toMatchObject({ statusCode: 413 });
    expect(push.requests('big').at(-1)).toMatchObject({ valid: false, status: 413 });
  });

  it('accepts only the expected key once one is set (403 for another), and any valid one otherwise', async () => {
    const subscription = push.newSubscription('keyed');
    push.expectKey(vapid.publicKey);
    try {
      expect((await send(subscription, 'mine')).statusCode).toBe(201);
      const other = webpush.generateVAPIDKeys();
      await expect(send(subscription, 'theirs', { vapidDetails: { ...vapidDetails, ...other } })).rejects.toMatchObject({ statusCode: 403 });
      expect(push.requests('keyed').at(-1)).toMatchObject({ valid: false, status: 403, vapidKey: other.publicKey });
      expect(push.requests('keyed').at(-1)!.problem).toMatch(/expected/);
    } finally {
      push.expectKey(null);
    }
    expect((await push.take('keyed')).map((m) => m.text)).toEqual(['mine']);
  });

  it('refuses with 401 a tampered JWT, a k that did not sign it, and no or another scheme', async () => {
    const subscription = push.newSubscription('forged');
    const other = webpush.generateVAPIDKeys();
    const cases: [string, (d: { headers: Record<string, string>; body: Buffer }) => void][] = [
      [
        'claims changed after signing',
        (d) => {
          const [, t, k] = /^vapid t=([^,]+), k=(.+)$/.exec(d.headers.Authorization)!;
          const [h, , s] = t.split('.');
          const claims = Buffer.from(JSON.stringify({ aud: push.url, exp: now() + 60, sub: 'mailto:evil@relay.test' })).toString('base64url');
          d.headers.Authorization = `vapid t=${h}.${claims}.${s}, k=${k}`;
        },
      ],
      ['another k', (d) => (d.headers.Authorization = d.headers.Authorization.replace(/k=.*$/, `k=${other.publicKey}`))],
      [
        'a flipped signature byte',
        (d) => {
          const [, t, k] = /^vapid t=([^,]+), k=(.+)$/.exec(d.headers.Authorization)!;
          const [h, c, s] = t.split('.');
          const sig = Buffer.from(s, 'base64url');
          sig[10] ^= 1;
          d.headers.Authorization = `vapid t=${h}.${c}.${sig.toString('base64url')}, k=${k}`;
        },
      ],
      ['no Authorization', (d) => delete d.headers.Authorization],
      ['WebPush scheme', (d) => (d.headers.Authorization = d.headers.Authorization.replace(/^vapid t=([^,]+), k=.*$/, 'WebPush $1'))],
    ];
    for (const [what, change] of cases) {
      expect(await sendChanged(subscription, change), what).toBe(401);
      expect(push.requests('forged').at(-1), what).toMatchObject({ valid: false, status: 401 });
    }
    expect(push.requests('forged')).toHaveLength(cases.length);
    expect(push.requests('forged').filter((r) => r.valid)).toEqual([]);
  });

  it('refuses with 401 a JWT for another audience, expired, over 24 hours, without a mailto:/https: subject, or not ES256', async () => {
    const subscription = push.newSubscription('claims');
    const good = { aud: push.url, exp: now() + 3600, sub: 'https://relay.test/contact' };
    const withJwt = (t: string) => (d: { headers: Record<string, string> }) => (d.headers.Authorization = `vapid t=${t}, k=${vapid.publicKey}`);
    expect(await sendChanged(subscription, withJwt(jwt(good)))).toBe(201);
    const cases: [string, string, RegExp][] = [
      ['another origin', jwt({ ...good, aud: 'http://127.0.0.1:1' }), /aud/],
      ['the endpoint URL, not its origin', jwt({ ...good, aud: subscription.endpoint }), /aud/],
      ['expired', jwt({ ...good, exp: now() - 5 }), /future/],
      ['no exp', jwt({ aud: good.aud, sub: good.sub }), /exp/],
      ['25 hours ahead', jwt({ ...good, exp: now() + 25 * 3600 }), /24 hours/],
      ['an http subject', jwt({ ...good, sub: 'http://relay.test' }), /sub/],
      ['no subject', jwt({ aud: good.aud, exp: good.exp }), /sub/],
      ['HS256', jwt(good, { typ: 'JWT', alg: 'HS256' }), /alg/],
    ];
    for (const [what, t, problem] of cases) {
      expect(await sendChanged(subscription, withJwt(t)), what).toBe(401);
      expect(push.requests('claims').at(-1)!.problem, what).toMatch(problem);
    }
    expect((await push.take('claims')).length).toBe(1);
  });

  it('refuses with 400 a missing TTL, another content encoding, a tampered body and one sealed for another subscription', async () => {
    const subscription = push.newSubscription('bodies');
    const someoneElse = push.newSubscription('someone-else');
    const cases: [string, (d: { headers: Record<string, string>; body: Buffer }) => void, RegExp][] = [
      ['no TTL', (d) => delete d.headers.TTL, /TTL/],
      ['aesgcm', (d) => (d.headers['Content-Encoding'] = 'aesgcm'), /Content-Encoding/],
      ['a flipped ciphertext byte', (d) => (d.body[d.body.length - 20] ^= 1), /decrypt/],
      ['a cut body', (d) => (d.body = d.body.subarray(0, 40)), /decrypt/],
    ];
    for (const [what, change, problem] of cases) {
      expect(await sendChanged(subscription, change), what).toBe(400);
      expect(push.requests('bodies').at(-1)!.problem, what).toMatch(problem);
    }
    // Sealed with the other subscription's keys: the same origin signs it, but these keys cannot open it.
    const misaddressed = webpush.generateRequestDetails(someoneElse, 'not for you', { vapidDetails, TTL: 0 });
    const status = await sendChanged(subscription, (d) => (d.body = misaddressed.body as Buffer));
    expect(status).toBe(400);
    expect(push.requests('bodies').at(-1)!.problem).toMatch(/decrypt/);
    expect(push.requests('bodies').every((r) => !r.valid)).toBe(true);
    expect(await sendChanged(subscription, () => {})).toBe(201);
  });

  it('answers 404 on a path that names no endpoint', async () => {
    const response = await fetch(`${push.url}/push/never-made`, { method: 'POST' });
    expect(response.status).toBe(404);
    expect(push.requests('never-made')).toMatchObject([{ valid: false, status: 404 }]);
  });

  it('answers valid requests as scripted: a list in order then 201, or one status forever', async () => {
    const flaky = push.newSubscription('flaky');
    push.respond('flaky', [500, 503, 201]);
    await expect(send(flaky, 'one')).rejects.toMatchObject({ statusCode: 500 });
    await expect(send(flaky, 'two')).rejects.toMatchObject({ statusCode: 503 });
    expect((await send(flaky, 'three')).statusCode).toBe(201);
    expect((await send(flaky, 'four')).statusCode).toBe(201);
    // Only what was delivered (2xx) counts as a message; every request is on the record.
    expect((await push.take('flaky', 2)).map((m) => m.text)).toEqual(['three', 'four']);
    expect(push.requests('flaky').map((r) => r.status)).toEqual([500, 503, 201, 201]);

    const gone = push.newSubscription('gone');
    push.respond('gone', 410);
    const three = push.arrived('gone', 3);
    for (let i = 0; i < 3; i++) await expect(send(gone, 'hello?')).rejects.toMatchObject({ statusCode: 410 });
    expect((await three).map((r) => [r.status, r.valid])).toEqual([
      [410, true],
      [410, true],
      [410, true],
    ]);
  });

  it('waits for messages with a deadline, and tells when one arrives where none should', async () => {
    const subscription = push.newSubscription('waiting');
    const later = push.take('waiting', 2, 3_000);
    setTimeout(() => void send(subscription, 'a').then(() => send(subscription, 'b')), 100);
    expect((await later).map((m) => m.text)).toEqual(['a', 'b']);
    await expect(push.arrived('waiting', 3, 200)).rejects.toThrow(/expected 3 request\(s\) at waiting within 200 ms/);
    await expect(push.take('waiting', 1, 200)).rejects.toThrow(/expected 1 push message\(s\) for waiting within 200 ms after 2 taken/);
    await push.none('waiting', 200);

    setTimeout(() => void send(subscription, 'c'), 50);
    await expect(push.none('waiting', 500)).rejects.toThrow(/expected no push for waiting; 1 request/);
    // A delivered message nobody took also breaks "none".
    await expect(push.none('waiting', 0)).rejects.toThrow(/1 untaken/);
    expect((await push.take('waiting'))[0].text).toBe('c');
  });
});
