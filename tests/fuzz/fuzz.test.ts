// Property-based fuzzing of every REST route and every Socket.IO event: generated inputs of every
// wrong shape never get a 5xx, always get the error envelope, never drop a socket, and a refused
// request changes nothing. FUZZ_RUNS sets the inputs per route and event (default 500).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { group, send } from '../support/chat';
import { call, newUser, type TestUser } from '../support/http';
import { database } from '../support/database';
import { ack, closeAll, connect, sleep } from '../support/sockets';
import { storedKeys } from '../support/storage';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

afterAll(closeAll);

const edgeStrings = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202eevil\u202c',
  '\u200b\u200b',
  '\ud800',
  '\udfff\ud800',
  '🦋'.repeat(1200),
  'x'.repeat(5000),
  '<script>alert(1)</script>',
  "' or 1=1 --",
  '../../etc/passwd',
  '%00',
  '${7*7}',
  '__proto__',
  'constructor',
  '\r\n\r\nHTTP/1.1 200 OK',
);

const edgeNumbers = fc.constantFrom(0, -1, 1, 0.5, -0, 2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER + 2, 1e308, -1e308);

const deep = fc.integer({ min: 50, max: 3000 }).map((depth) => {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
});

const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  edgeStrings,
  fc.integer(),
  edgeNumbers,
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);

const knownKeys = [
  'username',
  'password',
  'displayName',
  'bio',
  'avatarUrl',
  'currentPassword',
  'newPassword',
  'name',
  'expiresInDays',
  'type',
  'userId',
  'title',
  'memberIds',
  'userIds',
  'role',
  'seq',
  'body',
  'clientId',
  'attachmentIds',
  'conversationId',
  'messageId',
  'typing',
  'replyToId',
  'emoji',
  'level',
  'endpoint',
  'keys',
  'p256dh',
  'auth',
  'expirationTime',
  'dnd',
  'dndUntil',
  'email',
  'login',
  'token',
  'emailNotifications',
  '__proto__',
];

const value: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  scalar,
  fc.array(scalar, { maxLength: 5 }),
  fc.dictionary(fc.string(), scalar, { maxKeys: 3 }),
);

/** base64url of some bytes: a key of the right length now and then, a P-256 point's 0x04 prefix now and then. */
const keyText = fc.oneof(
  fc.uint8Array({ minLength: 64, maxLength: 64 }).map((b) => Buffer.concat([Buffer.from([4]), b]).toString('base64url')),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('base64url')),
  fc.uint8Array({ maxLength: 80 }).map((b) => Buffer.from(b).toString('base64url')),
  value,
);

/** Near-miss PushSubscriptions and notification settings, so the validation past the first field is reached. */
const notificationBody = fc.oneof(
  fc.record(
    {
      endpoint: fc.oneof(
        fc.constantFrom('http://127.0.0.1:9/push/x', 'https://push.example/x', 'ftp://127.0.0.1/x', 'http://u:p@127.0.0.1:9/', 'https://[::1]/x', ''),
        fc.webUrl(),
        value,
      ),
      keys: fc.oneof(fc.record({ p256dh: keyText, auth: keyText }, { requiredKeys: [] }), value),
      expirationTime: fc.oneof(fc.constant(null), edgeNumbers, value),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      level: fc.oneof(fc.constantFrom('all', 'mentions', 'none', 'ALL', 'muted', ''), value),
      dnd: value,
      dndUntil: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.integer({ min: -86_400_000, max: 400 * 86_400_000 }).map((ms) => new Date(Date.now() + ms).toISOString()),
        value,
      ),
      emailNotifications: value,
    },
    { requiredKeys: [] },
  ),
);

const body = fc.oneof(
  fc.dictionary(fc.constantFrom(...knownKeys), value, { maxKeys: 6 }),
  notificationBody,
  fc.record({ type: fc.constantFrom('direct', 'group', 'DIRECT', ''), userId: value, title: value, memberIds: value }, { requiredKeys: [] }),
  fc.anything(),
  deep,
  fc.array(value),
);

/**
 * Cursors that decode: the base64url JSON arrays a real cursor is, holding hostile keys (times that
 * are not times, ids that are not ids, numbers, nesting), so the code behind the decoding is reached.
 */
const hostileCursor = fc
  .array(
    fc.oneof(
      scalar,
      fc.uuid(),
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.constantFrom('1970-01-01T00:00:00.000Z', '9999-12-31T23:59:59.999Z', '2026-02-30T00:00:00.000Z'),
      value,
    ),
    {
      maxLength: 3,
    },
  )
  .map((key) => Buffer.from(JSON.stringify(key)).toString('base64url'));

const query = fc.dictionary(
  fc.constantFrom('q', 'limit', 'cursor', 'before', 'after', 'around', 'token', 'x'),
  fc.oneof(fc.string(), edgeStrings, edgeNumbers.map(String), hostileCursor),
  {
    maxKeys: 4,
  },
);

const badId = fc.oneof(
  fc.uuid(),
  fc.string({ maxLength: 40 }),
  edgeStrings,
  fc.constantFrom('..', '%2e%2e', 'null', '0', '-1', '👍', '👍🏽', '🧑‍💻', '👍👍', '🇫🇷', '1️⃣', '\u200d', '👍\u0000'),
);

/** `anyBody`: every body is acceptable (any bytes are a file), so none need be refused. */
type Route = { method: string; path: (ids: Ids, fuzzId: string) => string; body?: boolean; query?: boolean; anyBody?: boolean };
type Ids = { user: string; conversation: string; message: string; token: string };

const routes: Route[] = [
  { method: 'POST', path: () => '/api/auth/register', body: true },
  { method: 'POST', path: () => '/api/auth/token', body: true },
  { method: 'GET', path: () => '/api/users/me' },
  { method: 'PATCH', path: () => '/api/users/me', body: true },
  { method: 'DELETE', path: () => '/api/users/me', body: true },
  { method: 'PUT', path: () => '/api/users/me/password', body: true },
  { method: 'GET', path: () => '/api/users', query: true },
  { method: 'GET', path: (_, id) => `/api/users/${id}` },
  { method: 'GET', path: () => '/api/tokens', query: true },
  { method: 'POST', path: () => '/api/tokens', body: true },
  { method: 'DELETE', path: (_, id) => `/api/tokens/${id}` },
  { method: 'GET', path: () => '/api/conversations', query: true },
  { method: 'POST', path: () => '/api/conversations', body: true },
  { method: 'GET', path: (_, id) => `/api/conversations/${id}` },
  { method: 'PATCH', path: (ids) => `/api/conversations/${ids.conversation}`, body: true },
  { method: 'GET', path: (ids) => `/api/conversations/${ids.conversation}/members`, query: true },
  { method: 'POST', path: (ids) => `/api/conversations/${ids.conversation}/members`, body: true },
  { method: 'DELETE', path: (ids, id) => `/api/conversations/${ids.conversation}/members/${id}` },
  { method: 'PATCH', path: (ids) => `/api/conversations/${ids.conversation}/members/${ids.user}`, body: true },
  { method: 'POST', path: (ids) => `/api/conversations/${ids.conversation}/read`, body: true },
  { method: 'GET', path: (ids) => `/api/conversations/${ids.conversation}/messages`, query: true },
  { method: 'POST', path: (ids) => `/api/conversations/${ids.conversation}/messages`, body: true },
  { method: 'PATCH', path: (ids) => `/api/messages/${ids.message}`, body: true },
  { method: 'DELETE', path: (_, id) => `/api/messages/${id}` },
  { method: 'GET', path: () => '/api/health' },
  { method: 'GET', path: () => '/api/server' },
  { method: 'POST', path: () => '/api/uploads', body: true, query: true, anyBody: true },
  { method: 'GET', path: (_, id) => `/api/attachments/${id}` },
  { method: 'GET', path: (_, id) => `/api/attachments/${id}/thumbnail` },
  { method: 'PUT', path: () => '/api/users/me/avatar', body: true },
  { method: 'DELETE', path: () => '/api/users/me/avatar' },
  { method: 'GET', path: (_, id) => `/api/users/${id}/avatar` },
  { method: 'PUT', path: (ids, id) => `/api/messages/${ids.message}/reactions/${id}` },
  { method: 'DELETE', path: (ids, id) => `/api/messages/${ids.message}/reactions/${id}` },
  { method: 'PUT', path: (_, id) => `/api/messages/${id}/reactions/%F0%9F%91%8D` },
  { method: 'PUT', path: (ids) => `/api/conversations/${ids.conversation}/draft`, body: true },
  { method: 'PUT', path: (ids) => `/api/conversations/${ids.conversation}/notify`, body: true },
  { method: 'PUT', path: (_, id) => `/api/conversations/${id}/notify`, body: true },
  { method: 'POST', path: () => '/api/push/subscriptions', body: true },
  { method: 'DELETE', path: () => '/api/push/subscriptions', body: true },
  { method: 'POST', path: () => '/api/notifications/test' },
  { method: 'PUT', path: () => '/api/users/me/email', body: true },
  { method: 'DELETE', path: () => '/api/users/me/email' },
  { method: 'POST', path: () => '/api/auth/verify-email', body: true },
  { method: 'POST', path: () => '/api/auth/password-reset/request', body: true },
  { method: 'POST', path: () => '/api/auth/password-reset', body: true },
  { method: 'POST', path: () => '/api/notifications/unsubscribe', body: true, query: true },
];

/** Percent-encodes a path segment; a lone surrogate goes as the bytes a careless client would send. */
function segment(text: string): string {
  return [...text].map((ch) => (/[\ud800-\udfff]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
}

type World = { owner: TestUser; member: TestUser; ids: Ids };

/** Each route gets its own people and group, so the routes can be fuzzed side by side. */
async function world(): Promise<World> {
  const owner = await newUser();
  const member = await newUser();
  const conversation = await group(owner, [member], 'Fuzz target');
  const message = await send(owner, conversation, 'original');
  const token = (await call('POST', '/api/tokens', { token: owner.token, body: { name: 'keep me', password: owner.password } })).body;
  return { owner, member, ids: { user: member.id, conversation, message: message.id, token: token.id } };
}

/**
 * What a refused request must leave as it was: both people's profiles, the group (title, members,
 * roles, read markers), every message's body, deletion, reactions, reply and mentions, both people's drafts, the owner's tokens, and, read from the
 * database itself, both people's password hashes, credential epochs, sessions, do not disturb, notification levels and push subscriptions.
 */
async function snapshot({ owner, member, ids }: World) {
  const [me, conversation, history, tokens] = await Promise.all([
    call('GET', '/api/users/me', { token: owner.token }),
    call('GET', `/api/conversations/${ids.conversation}`, { token: owner.token }),
    call('GET', `/api/conversations/${ids.conversation}/messages?limit=100`, { token: owner.token }),
    call('GET', '/api/tokens?limit=100', { token: owner.token }),
  ]);
  const sql = database();
  const people = [owner.id, member.id];
  const accounts =
    await sql`select id, username, display_name, bio, password_hash, credentials_changed_at, dnd_until, email, pending_email, email_notifications from users where id = any(${people}::uuid[]) order by id`;
  const sessions = await sql`select id, user_id, expires_at from sessions where user_id = any(${people}::uuid[]) order by id`;
  const files = await sql`select id, message_id, position, name, size from attachments where uploader_id = any(${people}::uuid[]) order by id`;
  const drafts = await sql`select conversation_id, user_id, body from drafts where user_id = any(${people}::uuid[]) order by user_id, conversation_id`;
  const levels =
    await sql`select conversation_id, user_id, notify from conversation_members where user_id = any(${people}::uuid[]) order by user_id, conversation_id`;
  const subscriptions =
    await sql`select user_id, session_id, token_id, endpoint, p256dh, auth from push_subscriptions where user_id = any(${people}::uuid[]) order by endpoint`;
  const c = conversation.body.conversation;
  return JSON.stringify({
    // `dnd` is read against the clock (dnd_until, below, is what a request sets).
    me: { ...me.body.user, online: undefined, lastSeenAt: undefined, dnd: undefined },
    conversation: {
      title: c.title,
      lastSeq: c.lastSeq,
      members: c.members.map((m: { user: { id: string }; role: string; lastReadSeq: number }) => [m.user.id, m.role, m.lastReadSeq]),
    },
    messages: history.body.items.map(
      (m: {
        id: string;
        seq: number;
        body: string | null;
        editedAt: string | null;
        deletedAt: string | null;
        reactions: unknown;
        replyTo: unknown;
        mentions: unknown;
      }) => [m.id, m.seq, m.body, m.editedAt, m.deletedAt, m.reactions, m.replyTo, m.mentions],
    ),
    tokens: tokens.body.items.map((t: { id: string; expiresAt: string | null }) => [t.id, t.expiresAt]),
    accounts,
    sessions,
    files,
    drafts,
    levels,
    subscriptions,
  });
}

describe.concurrent('fuzzing the REST API', () => {
  for (const route of routes) {
    it(`${route.method} ${route.path({ user: ':user', conversation: ':conversation', message: ':message', token: ':token' }, ':id')} survives ${RUNS} generated inputs`, async () => {
      const w = await world();
      const { owner, member, ids } = w;
      // A GET changes nothing by construction; only writes need the before/after comparison.
      const writes = route.method !== 'GET';
      let expected = writes ? await snapshot(w) : '';
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(body, query, badId, fc.boolean(), async (b, q, fuzzId, asOwner) => {
          const path = route.path(ids, segment(fuzzId)) + (route.query ? `?${new URLSearchParams(q as Record<string, string>)}` : '');
          let raw: string | undefined;
          try {
            raw = route.body ? JSON.stringify(b) : undefined;
          } catch {
            raw = '{"too":"deep"'; // JSON.stringify gave up: send malformed JSON instead
          }
          const reply = await call(route.method, path, {
            token: asOwner ? owner.token : member.token,
            rawBody: raw,
            headers: raw !== undefined ? { 'content-type': 'application/json' } : {},
          });
          expect(reply.status, `${route.method} ${path} → ${JSON.stringify(reply.body)}`).toBeLessThan(500);
          if (reply.status >= 400) {
            expect(reply.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
            refused++;
            if (writes) expect(await snapshot(w), `${route.method} ${path} was refused but changed something`).toBe(expected);
          } else if (writes) {
            expected = await snapshot(w);
          }
        }),
        { numRuns: RUNS },
      );
      // Where there is input to get wrong, some of it was refused.
      if (!route.anyBody && (route.body || route.query || route.path.length === 2)) expect(refused).toBeGreaterThan(0);
    });
  }

  it('refuses any made-up credential with 401, never a 5xx', async () => {
    await fc.assert(
      // Header values are visible ASCII: anything else never leaves the client.
      fc.asyncProperty(
        fc.oneof(fc.stringMatching(/^[\x21-\x7e]{0,200}$/), fc.constantFrom('chs_', 'chp_', 'Bearer', 'Bearer chs_' + 'a'.repeat(43), 'Bearer chp_')),
        fc.string(),
        async (authorization, cookie) => {
          const reply = await call('GET', '/api/users/me', { headers: { authorization, cookie: `next-auth.session-token=${segment(cookie)}` } });
          expect(reply.status).toBe(401);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe.concurrent('fuzzing the Socket.IO events', () => {
  const events = ['message:send', 'message:edit', 'message:delete', 'typing', 'conversation:read', 'reaction:add', 'reaction:remove', 'draft:set'];

  for (const event of events) {
    it(`${event} answers ${RUNS} generated payloads with an acknowledgement and keeps the socket`, async () => {
      const w = await world();
      const { member, ids } = w;
      const socket = await connect({ token: member.token });
      let expected = await snapshot(w);
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            body,
            fc.record(
              {
                conversationId: fc.oneof(fc.constant(ids.conversation), badId),
                messageId: fc.oneof(fc.constant(ids.message), badId),
                body: value,
                clientId: value,
                typing: value,
                seq: value,
                attachmentIds: fc.oneof(value, fc.array(fc.oneof(badId, fc.uuid()), { maxLength: 12 })),
                replyToId: fc.oneof(fc.constant(ids.message), badId, value),
                emoji: fc.oneof(badId, value),
              },
              { requiredKeys: [] },
            ),
          ),
          async (payload) => {
            const reply = await ack(socket, event, payload);
            expect(typeof reply.ok).toBe('boolean');
            if (reply.ok) {
              expected = await snapshot(w);
            } else {
              refused++;
              expect(reply.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
              expect(reply.error.code).not.toBe('internal');
              // After every refusal, not only when nothing at all was accepted.
              expect(await snapshot(w), `${event} ${JSON.stringify(payload)?.slice(0, 200)} was refused but changed something`).toBe(expected);
            }
          },
        ),
        { numRuns: RUNS },
      );
      expect(socket.connected).toBe(true);
      expect(refused).toBeGreaterThan(0);
      // The fuzz server runs without rate limits (tests/support/vitest-global-setup.ts), so valid
      // input reaches the services; the limits have their own tests.
      const good = await ack(socket, 'message:send', { conversationId: ids.conversation, body: 'still fine', clientId: randomUUID() });
      expect(good.ok).toBe(true);
    });
  }
});

/** A multipart body as a careless or hostile client would write it. */
const multipart = fc
  .record({
    boundary: fc.stringMatching(/^[A-Za-z0-9'()+_,./:=?-]{1,70}$/),
    declared: fc.option(fc.stringMatching(/^[A-Za-z0-9-]{0,40}$/), { nil: undefined }),
    parts: fc.array(
      fc.record({
        field: fc.oneof(fc.constant('file'), fc.string({ maxLength: 12 })),
        filename: fc.option(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 40 }), edgeStrings), { nil: undefined }),
        type: fc.option(fc.constantFrom('image/png', 'text/html', 'image/svg+xml', 'application/octet-stream', '', 'x/y; charset=utf-8'), { nil: undefined }),
        content: fc.oneof(
          fc.constant(new Uint8Array(0)),
          fc.uint8Array({ maxLength: 3000 }),
          fc.constant(new TextEncoder().encode('<script>alert(1)</script>')),
        ),
      }),
      { maxLength: 3 },
    ),
    cut: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ boundary, declared, parts, cut }) => {
    const enc = new TextEncoder();
    const chunks: Uint8Array[] = [];
    for (const p of parts) {
      const name = p.filename === undefined ? '' : `; filename="${p.filename.replace(/["\r\n]/g, '')}"`;
      chunks.push(enc.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field.replace(/["\r\n]/g, '')}"${name}\r\n`));
      if (p.type !== undefined) chunks.push(enc.encode(`Content-Type: ${p.type}\r\n`));
      chunks.push(enc.encode('\r\n'), p.content, enc.encode('\r\n'));
    }
    chunks.push(enc.encode(`--${boundary}--\r\n`));
    let bytes = Buffer.concat(chunks);
    // Truncated somewhere, or sent whole.
    if (cut !== undefined) bytes = bytes.subarray(0, cut % (bytes.length + 1));
    return { bytes, contentType: `multipart/form-data; boundary=${declared ?? boundary}` };
  });

const HIDDEN = /[\p{Cc}\p{Cf}\/\\]/u;

describe('fuzzing uploads', () => {
  it(`survives ${RUNS} generated multipart and raw bodies: never a 5xx, nothing half-written kept, names always clean`, async () => {
    const w = await world();
    const { owner } = w;
    let expected = await snapshot(w);
    let keys = await storedKeys();
    let refused = 0;
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          multipart,
          fc.record({
            bytes: fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
            contentType: fc.constantFrom('image/png', 'text/html', '', 'multipart/form-data'),
          }),
        ),
        fc.option(fc.oneof(fc.string({ maxLength: 60 }), edgeStrings), { nil: undefined }),
        async ({ bytes, contentType }, name) => {
          const path = `/api/uploads${name === undefined ? '' : `?name=${segment(name)}`}`;
          const reply = await call('POST', path, { token: owner.token, rawBody: bytes, headers: contentType ? { 'content-type': contentType } : {} });
          expect(reply.status, `${contentType} ${bytes.length} bytes → ${JSON.stringify(reply.body)}`).toBeLessThan(500);
          if (reply.status === 201) {
            stored++;
            const a = reply.body.attachment;
            expect(a.name).not.toMatch(HIDDEN);
            expect(a.name.length).toBeGreaterThan(0);
            const served = await call('GET', a.url, { token: owner.token });
            expect(served.status).toBe(200);
            expect(served.headers.get('x-content-type-options')).toBe('nosniff');
            expect(served.bytes.length).toBe(a.size);
            expected = await snapshot(w);
            keys = await storedKeys();
          } else {
            refused++;
            expect(reply.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
            expect(await snapshot(w)).toBe(expected);
            // An upload refused part-way removes what it had written (its storage write ends with the refusal).
            let now = await storedKeys();
            for (let i = 0; i < 10 && now.join() !== keys.join(); i++) {
              await sleep(50);
              now = await storedKeys();
            }
            expect(now).toEqual(keys);
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(refused).toBeGreaterThan(0);
    expect(stored).toBeGreaterThan(0);
  });
});
