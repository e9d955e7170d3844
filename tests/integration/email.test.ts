// Email end to end: the real server sends to an SMTP server in this process (tests/support/smtp.ts),
// and each test follows the links in what arrives. Its own server, so that its mail reaches this
// process and its limits and timers are small: three emails per hour per key, the digest job
// every 0.2 s. Changes rows behind the server's back (an expired link, an owed digest): PostgreSQL only.
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, newAccount, type Account } from '../support/remote';
import { freePort, startServer, type RunningServer } from '../support/server';
import { startSmtp, type Mail, type SmtpSink } from '../support/smtp';

let server: RunningServer;
let smtp: SmtpSink;
let sql: Sql;
let appUrl: string;

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL && !process.env.DATABASE_URL)
    throw new Error('email.test.ts changes rows directly: run it on PostgreSQL (set TEST_DATABASE_URL).');
  smtp = await startSmtp();
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  server = await startServer('email', {
    PORT: String(port),
    APP_URL: appUrl,
    SMTP_URL: smtp.url,
    EMAIL_FROM: 'Relay <relay@example.test>',
    EMAIL_NOTIFY_AFTER_MINUTES: '0.02',
    EMAIL_SWEEP_SECONDS: '0.2',
    RATE_LIMIT_EMAILS_PER_HOUR: '3',
  });
  sql = postgres(server.databaseUrl!, { max: 2, onnotice: () => {} });
});

afterAll(async () => {
  await sql?.end();
  await server?.stop();
  await smtp?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let addressCount = 0;
const newAddress = () => `person${Date.now().toString(36)}${addressCount++}@example.test`;

/** The token of the first link in `mail` whose path is `path`; the link must be built from APP_URL. */
function linkToken(mail: Mail, path: string): string {
  const link = mail.links.find((l) => new URL(l).pathname === path);
  expect(link, `a ${path} link in: ${mail.text}`).toBeDefined();
  const url = new URL(link!);
  expect(url.origin).toBe(appUrl);
  return url.searchParams.get('token')!;
}

async function verified(account: Account, address = newAddress()): Promise<string> {
  expect((await api(server, 'PUT', '/api/users/me/email', { email: address }, account.token)).status).toBe(202);
  const token = linkToken(await smtp.next(address), '/verify-email');
  expect((await api(server, 'POST', '/api/auth/verify-email', { token })).status).toBe(204);
  return address;
}

describe('the email address', () => {
  it('waits as pending until its link is used, once; then it is the verified address', async () => {
    const a = await newAccount(server);
    const address = newAddress();
    const set = await api(server, 'PUT', '/api/users/me/email', { email: `  ${address.toUpperCase()} ` }, a.token);
    expect(set.status).toBe(202);
    expect(set.body.user).toMatchObject({ email: null, pendingEmail: address });
    const mail = await smtp.next(address);
    expect(mail.subject).toMatch(/confirm/i);
    expect(mail.html).toContain('Confirm email address');
    const token = linkToken(mail, '/verify-email');
    // Opening the link (as a mail scanner would) shows the page and uses nothing.
    const page = await fetch(`${server.url}/verify-email?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect((await api(server, 'GET', '/api/users/me', undefined, a.token)).body.user).toMatchObject({ email: null, pendingEmail: address });

    expect((await api(server, 'POST', '/api/auth/verify-email', { token })).status).toBe(204);
    expect((await api(server, 'GET', '/api/users/me', undefined, a.token)).body.user).toMatchObject({ email: address, pendingEmail: null });
    const again = await api(server, 'POST', '/api/auth/verify-email', { token });
    expect(again.status).toBe(400);
    expect(again.body.error).toMatchObject({ code: 'validation_failed', details: [expect.objectContaining({ path: 'token' })] });
  });

  it('refuses an expired or unknown link with 400 on token, and an older link once a newer one was sent', async () => {
    const a = await newAccount(server);
    const address = newAddress();
    await api(server, 'PUT', '/api/users/me/email', { email: address }, a.token);
    const first = linkToken(await smtp.next(address), '/verify-email');
    await api(server, 'PUT', '/api/users/me/email', { email: address }, a.token);
    const second = linkToken(await smtp.next(address), '/verify-email');
    expect((await api(server, 'POST', '/api/auth/verify-email', { token: first })).status).toBe(400);
    await sql`update email_tokens set expires_at = now() - interval '1 minute' where user_id = ${a.id}`;
    const expired = await api(server, 'POST', '/api/auth/verify-email', { token: second });
    expect(expired.status).toBe(400);
    expect(expired.body.error.details[0].path).toBe('token');
    expect((await api(server, 'POST', '/api/auth/verify-email', { token: 'che_not-a-real-token' })).status).toBe(400);
    expect((await api(server, 'GET', '/api/users/me', undefined, a.token)).body.user).toMatchObject({ email: null, pendingEmail: address });
  });

  it('answers 409 when another account verified the address meanwhile', async () => {
    const [a, b] = [await newAccount(server), await newAccount(server)];
    const address = newAddress();
    await api(server, 'PUT', '/api/users/me/email', { email: address }, a.token);
    const forA = linkToken(await smtp.next(address), '/verify-email');
    await api(server, 'PUT', '/api/users/me/email', { email: address }, b.token);
    const forB = linkToken(await smtp.next(address), '/verify-email');
    expect((await api(server, 'POST', '/api/auth/verify-email', { token: forB })).status).toBe(204);
    const late = await api(server, 'POST', '/api/auth/verify-email', { token: forA });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('conflict');
  });

  it('is removed, verified and pending both; a personal access token may neither set nor remove it', async () => {
    const a = await newAccount(server);
    const address = await verified(a);
    const pat = (await api(server, 'POST', '/api/tokens', { name: 'bot', password: a.password }, a.token)).body.token;
    const refused = await api(server, 'PUT', '/api/users/me/email', { email: newAddress() }, pat);
    expect(refused.status).toBe(403);
    expect((await api(server, 'DELETE', '/api/users/me/email', undefined, pat)).status).toBe(403);
    expect((await api(server, 'GET', '/api/users/me', undefined, a.token)).body.user.email).toBe(address);
    const removed = await api(server, 'DELETE', '/api/users/me/email', undefined, a.token);
    expect(removed.status).toBe(200);
    expect(removed.body.user).toMatchObject({ email: null, pendingEmail: null });
  });

  it('limits verification emails per person', async () => {
    const a = await newAccount(server);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await api(server, 'PUT', '/api/users/me/email', { email: newAddress() }, a.token)).status);
    expect(statuses).toEqual([202, 202, 202, 429]);
  });
});

describe('a password reset', () => {
  it('sends a single-use link to the verified address that revokes every session and token', async () => {
    const a = await newAccount(server);
    const address = await verified(a);
    const otherSession = (await api(server, 'POST', '/api/auth/token', { username: a.username, password: a.password })).body.token;
    const pat = (await api(server, 'POST', '/api/tokens', { name: 'bot', password: a.password }, a.token)).body.token;

    const asked = await api(server, 'POST', '/api/auth/password-reset/request', { login: a.username.toUpperCase() });
    expect(asked).toMatchObject({ status: 202, body: { accepted: true } });
    const mail = await smtp.next(address);
    expect(mail.subject).toMatch(/reset/i);
    expect(mail.text).toContain(`@${a.username}`);
    const token = linkToken(mail, '/reset-password');

    expect((await api(server, 'POST', '/api/auth/password-reset', { token, newPassword: 'short' })).status).toBe(400);
    expect((await api(server, 'POST', '/api/auth/password-reset', { token, newPassword: 'a brand new secret' })).status).toBe(204);
    for (const old of [a.token, otherSession, pat]) expect((await api(server, 'GET', '/api/users/me', undefined, old)).status).toBe(401);
    expect((await api(server, 'POST', '/api/auth/token', { username: a.username, password: a.password })).status).toBe(401);
    expect((await api(server, 'POST', '/api/auth/token', { username: a.username, password: 'a brand new secret' })).status).toBe(200);
    const reused = await api(server, 'POST', '/api/auth/password-reset', { token, newPassword: 'another new secret' });
    expect(reused.status).toBe(400);
    expect(reused.body.error.details[0].path).toBe('token');
  });

  it('works by email address too, and its link expires', async () => {
    const a = await newAccount(server);
    const address = await verified(a);
    expect((await api(server, 'POST', '/api/auth/password-reset/request', { login: address.toUpperCase() })).status).toBe(202);
    const token = linkToken(await smtp.next(address), '/reset-password');
    await sql`update email_tokens set expires_at = now() - interval '1 second' where user_id = ${a.id} and purpose = 'reset_password'`;
    expect((await api(server, 'POST', '/api/auth/password-reset', { token, newPassword: 'a brand new secret' })).status).toBe(400);
    expect((await api(server, 'POST', '/api/auth/token', { username: a.username, password: a.password })).status).toBe(200);
  });

  it('answers the same for an unknown account and one without an address, and sends nothing', async () => {
    const known = await newAccount(server);
    await verified(known);
    const bare = await newAccount(server);
    const before = smtp.count();
    const replies = await Promise.all(
      [known.username, 'nobody_here_at_all', bare.username, 'nobody@example.test'].map((login) =>
        api(server, 'POST', '/api/auth/password-reset/request', { login }),
      ),
    );
    for (const reply of replies) expect({ status: reply.status, body: reply.body }).toEqual({ status: 202, body: { accepted: true } });
    await sleep(1500);
    expect(smtp.count() - before).toBe(1);
  });

  it('limits requests per client IP and per login', async () => {
    const ip = '10.77.0.1';
    const perIp: number[] = [];
    for (let i = 0; i < 4; i++) perIp.push((await api(server, 'POST', '/api/auth/password-reset/request', { login: `someone_${i}` }, undefined, ip)).status);
    expect(perIp).toEqual([202, 202, 202, 429]);
    const perLogin: number[] = [];
    for (let i = 0; i < 4; i++) perLogin.push((await api(server, 'POST', '/api/auth/password-reset/request', { login: 'the_same_one' })).status);
    expect(perLogin).toEqual([202, 202, 202, 429]);
  });
});

describe('the missed-messages email', () => {
  async function conversation(owner: Account, body: object): Promise<string> {
    const reply = await api(server, 'POST', '/api/conversations', body, owner.token);
    expect([200, 201]).toContain(reply.status);
    return reply.body.conversation.id;
  }

  async function say(from: Account, conversationId: string, body: string) {
    const reply = await api(server, 'POST', `/api/conversations/${conversationId}/messages`, { body }, from.token);
    expect(reply.status).toBe(201);
    return reply.body.message;
  }

  async function owe(userId: string) {
    await sql`insert into email_digests (user_id, since, due_at) values (${userId}, now() - interval '1 hour', now()) on conflict (user_id) do update set due_at = now()`;
  }

  it('arrives once, one email for several messages, in the conversations whose level lets them through', async () => {
    const [reader, sender, third] = [await newAccount(server), await newAccount(server), await newAccount(server)];
    const address = await verified(reader);
    const dm = await conversation(sender, { type: 'direct', userId: reader.id });
    const mentionsOnly = await conversation(sender, { type: 'group', title: 'Mentions <b>only</b>', memberIds: [reader.id, third.id] });
    const muted = await conversation(sender, { type: 'group', title: 'Muted group', memberIds: [reader.id] });
    const readAlready = await conversation(third, { type: 'group', title: 'Read already', memberIds: [reader.id] });
    await sql`update conversation_members set notify = 'mentions' where conversation_id = ${mentionsOnly} and user_id = ${reader.id}`;
    await sql`update conversation_members set notify = 'none' where conversation_id = ${muted} and user_id = ${reader.id}`;

    // Sending marks the conversation read for its sender: the reader's own message comes first.
    await say(reader, dm, 'my own message');
    await say(sender, dm, 'first <script>alert(1)</script>');
    await say(sender, dm, 'second');
    const deleted = await say(sender, dm, 'deleted later');
    await api(server, 'DELETE', `/api/messages/${deleted.id}`, undefined, sender.token);
    await say(sender, dm, 'third ' + 'x'.repeat(300));
    await say(sender, mentionsOnly, 'nothing for you');
    await say(third, mentionsOnly, `hey @${reader.username} look`);
    await say(sender, muted, 'never mailed');
    const seen = await say(third, readAlready, 'already read');
    await api(server, 'POST', `/api/conversations/${readAlready}/read`, { seq: seen.seq }, reader.token);

    await owe(reader.id);
    const mail = await smtp.next(address);
    expect(mail.subject).toBe('4 unread messages on Relay');
    expect(mail.text).toContain('first <script>alert(1)</script>');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('first &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('Mentions &lt;b&gt;only&lt;/b&gt;');
    expect(mail.text).toMatch(/3 new messages/);
    expect(mail.text).toMatch(/1 new message\b/);
    expect(mail.text).toContain(`hey @${reader.username} look`);
    for (const absent of ['my own message', 'deleted later', 'nothing for you', 'never mailed', 'already read']) expect(mail.text).not.toContain(absent);
    // Excerpts stop at 200 characters.
    expect(mail.text).not.toContain('x'.repeat(200));
    expect(mail.text).toContain('x'.repeat(150));

    const chatLinks = mail.links.filter((l) => new URL(l).pathname.startsWith('/chat/'));
    expect(chatLinks.map((l) => new URL(l).pathname).sort()).toEqual([`/chat/${dm}`, `/chat/${mentionsOnly}`].sort());
    for (const link of chatLinks) expect(new URL(link).origin).toBe(appUrl);
    const chat = await fetch(server.url + new URL(chatLinks[0]).pathname, { redirect: 'manual' });
    expect(chat.status).toBeLessThan(400);

    // Once: nothing more comes, and the row is gone.
    await sleep(1000);
    expect(smtp.waiting(address)).toEqual([]);
    expect(await sql`select 1 from email_digests where user_id = ${reader.id}`).toHaveLength(0);

    // One click, no sign-in: the List-Unsubscribe link switches email notifications off.
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const oneClick = mail.headers.get('list-unsubscribe')!.replace(/^<|>$/g, '');
    expect(oneClick.startsWith(`${appUrl}/api/notifications/unsubscribe?token=`)).toBe(true);
    const unsubscribePage = linkToken(mail, '/unsubscribe');
    expect(unsubscribePage).toBe(new URL(oneClick).searchParams.get('token'));
    const forged = await fetch(`${server.url}/api/notifications/unsubscribe?token=${encodeURIComponent(`${reader.id}.AAAA`)}`, { method: 'POST' });
    expect(forged.status).toBe(400);
    const clicked = await fetch(server.url + new URL(oneClick).pathname + new URL(oneClick).search, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(clicked.status).toBe(204);
    expect((await api(server, 'GET', '/api/users/me', undefined, reader.token)).body.user.emailNotifications).toBe(false);

    await say(sender, dm, 'after unsubscribing');
    await owe(reader.id);
    await sleep(1000);
    expect(smtp.waiting(address)).toEqual([]);
    expect(await sql`select 1 from email_digests where user_id = ${reader.id}`).toHaveLength(0);
  });

  it('is owed by the notification module: messages to someone offline with a verified address bring one email', async () => {
    const [reader, sender] = [await newAccount(server), await newAccount(server)];
    const address = await verified(reader);
    const dm = await conversation(sender, { type: 'direct', userId: reader.id });
    await say(sender, dm, 'are you there?');
    await say(sender, dm, 'ping again');
    // EMAIL_NOTIFY_AFTER_MINUTES is 0.02 here: the email comes about a second later.
    const mail = await smtp.next(address);
    expect(mail.subject).toMatch(/^2 unread messages in /);
    expect(mail.text).toContain('are you there?');
    expect(mail.text).toContain('ping again');
    await sleep(1500);
    expect(smtp.waiting(address)).toEqual([]);
  });

  it('sends nothing when all was read meanwhile, or during do not disturb', async () => {
    const [reader, sender] = [await newAccount(server), await newAccount(server)];
    const address = await verified(reader);
    const dm = await conversation(sender, { type: 'direct', userId: reader.id });
    const m = await say(sender, dm, 'read before the email');
    await api(server, 'POST', `/api/conversations/${dm}/read`, { seq: m.seq }, reader.token);
    await owe(reader.id);
    await say(sender, dm, 'during do not disturb');
    expect((await api(server, 'PATCH', '/api/users/me', { dnd: true }, reader.token)).status).toBe(200);
    await owe(reader.id);
    await sleep(1000);
    expect(smtp.waiting(address)).toEqual([]);
    // Once do not disturb is off, what is still unread is mailed.
    await api(server, 'PATCH', '/api/users/me', { dnd: false }, reader.token);
    await owe(reader.id);
    expect((await smtp.next(address)).text).toContain('during do not disturb');
  });
});
