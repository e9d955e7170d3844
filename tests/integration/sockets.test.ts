import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { direct } from '../support/chat';
import { baseUrl, browserSignIn, call, newPersonalToken, newUser, signInToken } from '../support/http';
import { ack, closeAll, connect, disconnected, nextEvent, refusal } from '../support/sockets';

afterAll(closeAll);

describe('the socket handshake', () => {
  it('refuses a missing, wrong or revoked credential with "unauthorized"', async () => {
    expect(await refusal({})).toBe('unauthorized');
    expect(await refusal({ token: 'chs_nope' })).toBe('unauthorized');
    const user = await newUser();
    const token = await signInToken(user.username, user.password);
    await call('POST', '/api/auth/logout', { token });
    expect(await refusal({ token })).toBe('unauthorized');
  });

  it('accepts a session token, a personal access token and a browser cookie', async () => {
    const user = await newUser();
    const pat = (await newPersonalToken(user)).token;
    const { cookie } = await browserSignIn(user.username, user.password);
    for (const auth of [{ token: user.token }, { token: pat }, { cookie: cookie!, origin: baseUrl() }]) {
      const socket = await connect(auth);
      expect(socket.connected).toBe(true);
      socket.disconnect();
    }
  });

  it('never takes a token from the query string', async () => {
    const user = await newUser();
    const socket = io(baseUrl(), { transports: ['websocket'], query: { token: user.token, access_token: user.token }, reconnection: false, forceNew: true });
    const message = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (e) => resolve(e.message));
    });
    socket.disconnect();
    expect(message).toBe('unauthorized');
  });

  it('refuses a handshake from a foreign Origin even with a valid cookie', async () => {
    const user = await newUser();
    const { cookie } = await browserSignIn(user.username, user.password);
    expect(await refusal({ cookie: cookie!, origin: 'https://evil.example' })).not.toBe('connected');
  });
});

describe('bad payloads', () => {
  it('get an error ack, and the connection keeps serving', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const socket = await connect({ token: a.token });
    const bad = [
      ['message:send', null],
      ['message:send', 'just a string'],
      ['message:send', { conversationId: id }],
      ['message:send', { conversationId: 'nope', body: 'x', clientId: 'c' }],
      ['message:send', { conversationId: id, body: { nested: { deep: [1, 2, 3] } }, clientId: 'c' }],
      ['message:edit', { messageId: 42, body: 'x' }],
      ['message:delete', []],
      ['conversation:read', { conversationId: id, seq: -1 }],
      ['typing', { conversationId: id, typing: 'yes' }],
    ] as const;
    for (const [event, payload] of bad) {
      const reply = await ack(socket, event, payload);
      expect(reply.ok).toBe(false);
      expect(['validation_failed', 'not_found']).toContain(reply.error.code);
    }
    const unknownConversation = await ack(socket, 'message:send', { conversationId: randomUUID(), body: 'x', clientId: randomUUID() });
    expect(unknownConversation.error.code).toBe('not_found');
    const good = await ack(socket, 'message:send', { conversationId: id, body: 'still here', clientId: randomUUID() });
    expect(good).toMatchObject({ ok: true, message: { seq: 1 } });
    expect((await call('GET', `/api/conversations/${id}`, { token: a.token })).body.conversation.lastSeq).toBe(1);
  });

  it('drops an oversized frame without taking the server down', async () => {
    const user = await newUser();
    const socket = await connect({ token: user.token });
    const gone = disconnected(socket);
    socket.emit('message:send', { conversationId: randomUUID(), body: 'x'.repeat(200_000), clientId: 'big' });
    await gone;
    expect((await call('GET', '/api/health')).status).toBe(200);
    expect((await connect({ token: user.token })).connected).toBe(true);
  });
});

describe('revocation', () => {
  it('logout disconnects that session’s sockets at once, and only those', async () => {
    const user = await newUser();
    const other = await signInToken(user.username, user.password);
    const [mine, theirs] = await Promise.all([connect({ token: user.token }), connect({ token: other })]);
    const gone = disconnected(mine);
    await call('POST', '/api/auth/logout', { token: user.token });
    await gone;
    await new Promise((r) => setTimeout(r, 200));
    expect(theirs.connected).toBe(true);
  });

  it('a password change disconnects the other sessions and the personal access tokens, a deleted account every socket', async () => {
    const user = await newUser();
    const other = await signInToken(user.username, user.password);
    const { cookie } = await browserSignIn(user.username, user.password);
    const pat = (await newPersonalToken(user)).token;
    const [current, otherSocket, browser, bot] = await Promise.all([
      connect({ token: user.token }),
      connect({ token: other }),
      connect({ cookie: cookie!, origin: baseUrl() }),
      connect({ token: pat }),
    ]);
    const gone = [disconnected(otherSocket), disconnected(browser), disconnected(bot, 2_000)];
    await call('PUT', '/api/users/me/password', { token: user.token, body: { currentPassword: user.password, newPassword: 'another long one' } });
    await Promise.all(gone);
    expect(current.connected).toBe(true);
    const goneCurrent = disconnected(current);
    await call('DELETE', '/api/users/me', { token: user.token, body: { password: 'another long one' } });
    await goneCurrent;
  });

  it('revoking a personal access token disconnects the bot using it', async () => {
    const user = await newUser();
    const created = await newPersonalToken(user);
    const bot = await connect({ token: created.token });
    const gone = disconnected(bot);
    await call('DELETE', `/api/tokens/${created.id}`, { token: user.token });
    await gone;
  });
});

describe('presence', () => {
  it('tells people who share a conversation when someone comes online and goes away', async () => {
    const [a, b, stranger] = [await newUser(), await newUser(), await newUser()];
    await direct(a, b);
    const watcher = await connect({ token: b.token });
    const outsider = await connect({ token: stranger.token });
    const leaks: unknown[] = [];
    outsider.on('presence', (p) => leaks.push(p));
    const online = nextEvent(watcher, 'presence', (p) => p.userId === a.id && p.online);
    const aSocket = await connect({ token: a.token });
    expect(await online).toMatchObject({ userId: a.id, online: true });
    expect((await call('GET', `/api/users/${a.id}`, { token: b.token })).body.user.online).toBe(true);

    const offline = nextEvent(watcher, 'presence', (p) => p.userId === a.id && !p.online);
    aSocket.disconnect();
    const event = await offline;
    expect(new Date(event.lastSeenAt).getTime()).toBeGreaterThan(Date.now() - 10_000);
    const seen = (await call('GET', `/api/users/${a.id}`, { token: b.token })).body.user;
    expect(seen).toMatchObject({ online: false, lastSeenAt: event.lastSeenAt });
    expect(leaks).toEqual([]);
  });
});
