import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { direct, group, send } from '../support/chat';
import { call, newUser } from '../support/http';
import { ack, closeAll, connect, nextEvent } from '../support/sockets';

afterAll(closeAll);

describe('sending', () => {
  it('keeps seq gapless and unique under 100 concurrent sends from several sockets', async () => {
    const owner = await newUser();
    const others = [await newUser(), await newUser(), await newUser(), await newUser()];
    const id = await group(owner, others);
    const senders = [owner, ...others];
    const sockets = await Promise.all(senders.map((u) => connect({ token: u.token })));
    const acks = await Promise.all(
      Array.from({ length: 100 }, (_, i) => ack(sockets[i % sockets.length], 'message:send', { conversationId: id, body: `m${i}`, clientId: randomUUID() })),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    expect(acks.map((a) => a.message.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    const history = await call('GET', `/api/conversations/${id}/messages?after=0&limit=100`, { token: owner.token });
    expect(history.body.items.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    expect(history.body.hasMore).toBe(false);
  });

  it('is the same message in the ack, the live event, the history page, the conversation and a resend', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const [sa, sb] = await Promise.all([connect({ token: a.token }), connect({ token: b.token })]);
    const clientId = randomUUID();
    const live = nextEvent(sb, 'message:new');
    const sent = await ack(sa, 'message:send', { conversationId: id, body: 'één 👋 <b>', clientId });
    expect(sent.ok).toBe(true);
    expect(sent.message).toMatchObject({
      conversationId: id,
      seq: 1,
      body: 'één 👋 <b>',
      clientId,
      sender: { id: a.id, username: a.username },
      editedAt: null,
      deletedAt: null,
    });
    expect(sent.message.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await live).toEqual(sent.message);
    const history = await call('GET', `/api/conversations/${id}/messages`, { token: b.token });
    expect(history.body.items).toEqual([sent.message]);
    const conversation = await call('GET', `/api/conversations/${id}`, { token: b.token });
    expect(conversation.body.conversation.lastMessage).toEqual(sent.message);
    const again = await ack(sa, 'message:send', { conversationId: id, body: 'één 👋 <b>', clientId });
    expect(again.message).toEqual(sent.message);
    // The sender has read their own message; the other member has not.
    const members = conversation.body.conversation.members as { user: { id: string }; lastReadSeq: number }[];
    expect(members.find((m) => m.user.id === a.id)?.lastReadSeq).toBe(1);
    expect(members.find((m) => m.user.id === b.id)?.lastReadSeq).toBe(0);
  });

  it('answers a REST resend with the same clientId with 200 and the original message', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const clientId = randomUUID();
    const first = await call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body: 'once', clientId } });
    const again = await call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body: 'once', clientId } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.message).toEqual(first.body.message);
    expect((await call('GET', `/api/conversations/${id}`, { token: a.token })).body.conversation.lastSeq).toBe(1);
  });

  it('stores simultaneous duplicates once, acks each with the original, and leaves no gap', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const sockets = await Promise.all([connect({ token: a.token }), connect({ token: a.token })]);
    const clientId = randomUUID();
    const replies = await Promise.all([
      ...sockets.map((s) => ack(s, 'message:send', { conversationId: id, body: 'dup', clientId })),
      call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body: 'dup', clientId } }),
      call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body: 'dup', clientId } }),
    ]);
    const ids = new Set(replies.map((r) => ('ok' in r ? r.message.id : r.body.message.id)));
    expect(ids.size).toBe(1);
    const next = await send(a, id, 'after');
    expect(next.seq).toBe(2);
  });

  it('refuses a clientId already used for another conversation, and stores nothing', async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()];
    const first = await direct(a, b);
    const second = await direct(a, c);
    const clientId = randomUUID();
    await send(a, first, 'here', clientId);
    const reused = await call('POST', `/api/conversations/${second}/messages`, { token: a.token, body: { body: 'there', clientId } });
    expect(reused.status).toBe(409);
    expect((await call('GET', `/api/conversations/${second}`, { token: a.token })).body.conversation.lastSeq).toBe(0);
  });

  it('refuses empty, blank and over-long bodies', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    for (const body of ['', '   \n\t', 'x'.repeat(4001)]) {
      const reply = await call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body } });
      expect(reply.status).toBe(400);
    }
    expect((await call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body: 'x'.repeat(4000) } })).status).toBe(201);
  });

  it('limits sends to 30 per 10 seconds per user with 429 and Retry-After', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    for (let i = 0; i < 30; i++) await send(a, id, `burst ${i}`);
    const limited = await call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body: 'one too many' } });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const socket = await connect({ token: a.token });
    const refused = await ack(socket, 'message:send', { conversationId: id, body: 'again', clientId: randomUUID() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfter: expect.any(Number) } });
    expect(refused.error.retryAfter).toBeGreaterThan(0);
    expect((await call('GET', `/api/conversations/${id}`, { token: b.token })).body.conversation.lastSeq).toBe(30);
  });
});

describe('history', () => {
  it('pages backwards with before and forwards with after, ascending, with hasMore', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    for (let i = 1; i <= 7; i++) await send(i % 2 ? a : b, id, `m${i}`);
    const newest = await call('GET', `/api/conversations/${id}/messages?limit=3`, { token: a.token });
    expect(newest.body.items.map((m: { seq: number }) => m.seq)).toEqual([5, 6, 7]);
    expect(newest.body.hasMore).toBe(true);
    const older = await call('GET', `/api/conversations/${id}/messages?before=5&limit=3`, { token: a.token });
    expect(older.body.items.map((m: { seq: number }) => m.seq)).toEqual([2, 3, 4]);
    const oldest = await call('GET', `/api/conversations/${id}/messages?before=2&limit=3`, { token: a.token });
    expect(oldest.body).toMatchObject({ hasMore: false });
    expect(oldest.body.items.map((m: { seq: number }) => m.seq)).toEqual([1]);
    const after = await call('GET', `/api/conversations/${id}/messages?after=4&limit=2`, { token: a.token });
    expect(after.body.items.map((m: { body: string }) => m.body)).toEqual(['m5', 'm6']);
    expect(after.body.hasMore).toBe(true);
    expect(after.body.items[0].sender).toEqual({ id: a.id, username: a.username, displayName: a.displayName, avatarUrl: null });
    const both = await call('GET', `/api/conversations/${id}/messages?after=1&before=3`, { token: a.token });
    expect(both.status).toBe(400);
  });
});

describe('live events', () => {
  it('delivers message:new to every socket of every member, the sender’s other tabs included', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const [aTab1, aTab2, bTab] = await Promise.all([connect({ token: a.token }), connect({ token: a.token }), connect({ token: b.token })]);
    const seen = [nextEvent(aTab2, 'message:new'), nextEvent(bTab, 'message:new'), nextEvent(aTab1, 'message:new')];
    const reply = await ack(aTab1, 'message:send', { conversationId: id, body: 'hello everyone', clientId: 'c-1' });
    expect(reply).toMatchObject({ ok: true, message: { body: 'hello everyone', seq: 1, clientId: 'c-1' } });
    for (const payload of await Promise.all(seen)) expect(payload).toEqual(reply.message);
  });

  it('publishes REST sends, edits, deletes and reads exactly like socket ones', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const bSocket = await connect({ token: b.token });
    const aSocket = await connect({ token: a.token });
    const arrived = nextEvent(bSocket, 'message:new');
    const m = await send(a, id, 'over REST');
    expect((await arrived).id).toBe(m.id);

    const updated = nextEvent(bSocket, 'message:updated');
    await call('PATCH', `/api/messages/${m.id}`, { token: a.token, body: { body: 'edited over REST' } });
    expect(await updated).toMatchObject({ id: m.id, body: 'edited over REST' });

    const read = nextEvent(aSocket, 'read', (r) => r.userId === b.id);
    await call('POST', `/api/conversations/${id}/read`, { token: b.token, body: { seq: 1 } });
    expect(await read).toEqual({ conversationId: id, userId: b.id, seq: 1 });

    const deleted = nextEvent(bSocket, 'message:deleted');
    await call('DELETE', `/api/messages/${m.id}`, { token: a.token });
    expect(await deleted).toEqual({ id: m.id, conversationId: id, seq: 1 });
  });

  it('edits and deletes over the socket', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const [aSocket, bSocket] = await Promise.all([connect({ token: a.token }), connect({ token: b.token })]);
    const sent = await ack(aSocket, 'message:send', { conversationId: id, body: 'typo', clientId: randomUUID() });
    const updated = nextEvent(bSocket, 'message:updated');
    expect(await ack(aSocket, 'message:edit', { messageId: sent.message.id, body: 'fixed' })).toMatchObject({ ok: true, message: { body: 'fixed' } });
    expect((await updated).body).toBe('fixed');
    expect(await ack(bSocket, 'message:edit', { messageId: sent.message.id, body: 'hijack' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const deleted = nextEvent(bSocket, 'message:deleted');
    expect(await ack(aSocket, 'message:delete', { messageId: sent.message.id })).toEqual({ ok: true });
    expect((await deleted).id).toBe(sent.message.id);
  });

  it('tells the other members who is typing, not the typist', async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()];
    const id = await group(a, [b, c]);
    const [aSocket, bSocket, cSocket] = await Promise.all([connect({ token: a.token }), connect({ token: b.token }), connect({ token: c.token })]);
    const own: unknown[] = [];
    aSocket.on('typing', (t) => own.push(t));
    const atB = nextEvent(bSocket, 'typing');
    const atC = nextEvent(cSocket, 'typing');
    expect(await ack(aSocket, 'typing', { conversationId: id, typing: true })).toEqual({ ok: true });
    expect(await atB).toEqual({ conversationId: id, userId: a.id, typing: true });
    expect(await atC).toEqual({ conversationId: id, userId: a.id, typing: true });
    expect(own).toEqual([]);
    // Typing may be sent without a callback; a stranger's typing is refused.
    aSocket.emit('typing', { conversationId: id, typing: false });
    expect(await nextEvent(bSocket, 'typing')).toMatchObject({ typing: false });
    const stranger = await connect({ token: (await newUser()).token });
    expect(await ack(stranger, 'typing', { conversationId: id, typing: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('the message read model', () => {
  it('carries the sender with their avatar in the send, the resend, history, edits, live events and the last message', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const image = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer();
    const avatar = await call('PUT', '/api/users/me/avatar', { token: a.token, rawBody: image, headers: { 'content-type': 'image/png' } });
    expect(avatar.status).toBe(200);
    const avatarUrl: string = avatar.body.user.avatarUrl;
    expect(avatarUrl).toMatch(/^\/api\/users\/.+\/avatar\?v=/);
    const id = await direct(a, b);
    const socket = await connect({ token: b.token });
    const live = nextEvent(socket, 'message:new');
    const sender = { id: a.id, username: a.username, displayName: a.displayName, avatarUrl };
    const sent = await call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body: 'hi', clientId: 'rm-1' } });
    expect(sent.body.message.sender).toEqual(sender);
    expect((await live).sender).toEqual(sender);
    const again = await call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body: 'hi', clientId: 'rm-1' } });
    expect(again.status).toBe(200);
    expect(again.body.message).toEqual(sent.body.message);
    const edited = nextEvent(socket, 'message:updated');
    const patch = await call('PATCH', `/api/messages/${sent.body.message.id}`, { token: a.token, body: { body: 'hello' } });
    expect(patch.body.message).toMatchObject({ body: 'hello', sender, editedAt: expect.any(String) });
    expect(await edited).toEqual(patch.body.message);
    const history = await call('GET', `/api/conversations/${id}/messages`, { token: b.token });
    expect(history.body.items).toEqual([patch.body.message]);
    const conversation = await call('GET', `/api/conversations/${id}`, { token: b.token });
    expect(conversation.body.conversation.lastMessage).toEqual(patch.body.message);
  });
});
