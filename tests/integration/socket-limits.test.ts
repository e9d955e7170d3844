// What one client can make the server do over Socket.IO: a budget of events per socket, typing
// fanned out only when it changes, a cap of sockets per user and of handshakes per client IP, and
// presence that does not flap when a tab reconnects.
import { afterAll, describe, expect, it } from 'vitest';
import { direct, group } from '../support/chat';
import { newUser, randomIp } from '../support/http';
import { ack, closeAll, collect, connect, nextEvent, refusal, sleep } from '../support/sockets';

afterAll(closeAll);

describe('the event budget of a socket', () => {
  it('refuses a flood of events with rate_limited acks, keeps the socket, and serves it again a moment later', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const socket = await connect({ token: a.token });
    const replies = await Promise.all(Array.from({ length: 100 }, () => ack(socket, 'conversation:read', { conversationId: id, seq: 0 })));
    const ok = replies.filter((r) => r.ok).length;
    const limited = replies.filter((r) => !r.ok && r.error.code === 'rate_limited').length;
    expect(ok + limited).toBe(100);
    expect(ok).toBeGreaterThanOrEqual(40);
    expect(ok).toBeLessThan(60);
    expect(replies.find((r) => !r.ok)).toMatchObject({ error: { code: 'rate_limited', retryAfter: expect.any(Number) } });
    expect(socket.connected).toBe(true);
    await sleep(1_000);
    expect(await ack(socket, 'conversation:read', { conversationId: id, seq: 0 })).toEqual({ ok: true });
  });
});

describe('typing', () => {
  it('is fanned out when it changes, not for every repeat', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const [typist, watcher] = [await connect({ token: a.token }), await connect({ token: b.token })];
    const seen = collect(watcher, 'typing');
    for (let i = 0; i < 10; i++) expect(await ack(typist, 'typing', { conversationId: id, typing: true })).toEqual({ ok: true });
    await sleep(300);
    expect(seen.items).toEqual([{ conversationId: id, userId: a.id, typing: true }]);
    expect(await ack(typist, 'typing', { conversationId: id, typing: false })).toEqual({ ok: true });
    expect(await ack(typist, 'typing', { conversationId: id, typing: false })).toEqual({ ok: true });
    await sleep(300);
    expect(seen.items.map((t) => t.typing)).toEqual([true, false]);
    // A typist who keeps going repeats "true" every few seconds; after the coalescing window it goes out again.
    await sleep(600);
    const again = nextEvent(watcher, 'typing', (t) => t.typing);
    await ack(typist, 'typing', { conversationId: id, typing: true });
    await again;
    seen.stop();
  });

  it('goes out at most about twice a second however fast a client flips it, and ends in the state the client left', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const [typist, watcher] = [await connect({ token: a.token }), await connect({ token: b.token })];
    const seen = collect(watcher, 'typing');
    const started = Date.now();
    for (let i = 0; i < 15; i++) {
      await ack(typist, 'typing', { conversationId: id, typing: true });
      await ack(typist, 'typing', { conversationId: id, typing: false });
    }
    await sleep(300);
    const seconds = (Date.now() - started) / 1000;
    const events = seen.stop();
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.length).toBeLessThanOrEqual(2 + 2 * Math.ceil(seconds));
    expect(events.at(-1)!.typing).toBe(false);
  });

  it('still refuses a stranger’s typing, however often', async () => {
    const [a, b, stranger] = [await newUser(), await newUser(), await newUser()];
    const id = await group(a, [b]);
    const socket = await connect({ token: stranger.token });
    for (let i = 0; i < 3; i++)
      expect(await ack(socket, 'typing', { conversationId: id, typing: true })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('connections', () => {
  it('caps a user at 20 sockets: the 21st handshake is refused with too_many_connections until one closes', async () => {
    const user = await newUser();
    const sockets = [];
    for (let i = 0; i < 20; i++) sockets.push(await connect({ token: user.token }));
    expect(await refusal({ token: user.token })).toBe('too_many_connections');
    sockets[0].disconnect();
    await sleep(300);
    const again = await connect({ token: user.token });
    expect(again.connected).toBe(true);
    const other = await newUser();
    expect((await connect({ token: other.token })).connected).toBe(true);
  });

  it('allows 60 handshakes a minute per client IP, then refuses them with rate_limited', async () => {
    const user = await newUser();
    const ip = randomIp();
    for (let i = 0; i < 60; i++) expect(await refusal({ ip })).toBe('unauthorized');
    expect(await refusal({ ip, token: user.token })).toBe('rate_limited');
    expect((await connect({ token: user.token, ip: randomIp() })).connected).toBe(true);
  });
});

describe('presence', () => {
  it('says nothing when someone’s only tab reconnects within two seconds, and offline once they are gone', async () => {
    const [a, b] = [await newUser(), await newUser()];
    await direct(a, b);
    const watcher = await connect({ token: b.token });
    const online = nextEvent(watcher, 'presence', (p) => p.userId === a.id && p.online);
    const first = await connect({ token: a.token });
    await online;
    const seen = collect(watcher, 'presence');
    first.disconnect();
    await sleep(300);
    const second = await connect({ token: a.token });
    await sleep(2_500);
    expect(seen.items).toEqual([]);
    const offline = nextEvent(watcher, 'presence', (p) => p.userId === a.id && !p.online, 5_000);
    second.disconnect();
    await offline;
    expect(seen.stop().map((p) => p.online)).toEqual([false]);
  });
});
