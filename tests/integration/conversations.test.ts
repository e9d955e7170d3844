import { afterAll, describe, expect, it } from 'vitest';
import { direct, group, send, setRole } from '../support/chat';
import { call, newUser } from '../support/http';
import { closeAll, connect, nextEvent } from '../support/sockets';

afterAll(closeAll);

describe('direct conversations', () => {
  it('are created once per pair: a second request from either side returns the same one with 200', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const first = await call('POST', '/api/conversations', { token: a.token, body: { type: 'direct', userId: b.id } });
    expect(first.status).toBe(201);
    expect(first.body.conversation).toMatchObject({ type: 'direct', title: null, lastSeq: 0, lastMessage: null, unreadCount: 0 });
    expect(first.body.conversation.members.map((m: { user: { id: string } }) => m.user.id).sort()).toEqual([a.id, b.id].sort());
    const again = await call('POST', '/api/conversations', { token: b.token, body: { type: 'direct', userId: a.id } });
    expect(again.status).toBe(200);
    expect(again.body.conversation.id).toBe(first.body.conversation.id);
  });

  it('stay unique when both people start one at the same moment', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const replies = await Promise.all([
      ...Array.from({ length: 4 }, () => call('POST', '/api/conversations', { token: a.token, body: { type: 'direct', userId: b.id } })),
      ...Array.from({ length: 4 }, () => call('POST', '/api/conversations', { token: b.token, body: { type: 'direct', userId: a.id } })),
    ]);
    expect(new Set(replies.map((r) => r.body.conversation.id)).size).toBe(1);
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
  });

  it('refuse yourself or a person who does not exist', async () => {
    const a = await newUser();
    expect((await call('POST', '/api/conversations', { token: a.token, body: { type: 'direct', userId: a.id } })).status).toBe(400);
    const ghost = await call('POST', '/api/conversations', { token: a.token, body: { type: 'direct', userId: '00000000-0000-4000-8000-000000000000' } });
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.details[0].path).toBe('userId');
  });

  it('are announced live to the other person', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const socket = await connect({ token: b.token });
    const announced = nextEvent(socket, 'conversation:updated');
    const id = await direct(a, b);
    expect((await announced).id).toBe(id);
  });
});

describe('groups', () => {
  it('make the creator owner and list members with roles', async () => {
    const [owner, m1, m2] = [await newUser(), await newUser(), await newUser()];
    const reply = await call('POST', '/api/conversations', {
      token: owner.token,
      body: { type: 'group', title: ' Launch ', memberIds: [m1.id, m2.id, m1.id] },
    });
    expect(reply.status).toBe(201);
    const c = reply.body.conversation;
    expect(c.title).toBe('Launch');
    const roles = Object.fromEntries(c.members.map((m: { user: { id: string }; role: string }) => [m.user.id, m.role]));
    expect(roles).toEqual({ [owner.id]: 'owner', [m1.id]: 'member', [m2.id]: 'member' });
  });

  it('validate title and members', async () => {
    const owner = await newUser();
    const noTitle = await call('POST', '/api/conversations', { token: owner.token, body: { type: 'group', title: '  ', memberIds: [] } });
    expect(noTitle.status).toBe(400);
    const badType = await call('POST', '/api/conversations', { token: owner.token, body: { type: 'channel' } });
    expect(badType.status).toBe(400);
    const tooMany = await call('POST', '/api/conversations', {
      token: owner.token,
      body: { type: 'group', title: 'Huge', memberIds: Array.from({ length: 1000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) },
    });
    expect(tooMany.status).toBe(400);
  });

  it('pass ownership to the longest-serving admin, else member, and vanish when empty', async () => {
    const [owner, early, admin, late] = [await newUser(), await newUser(), await newUser(), await newUser()];
    const id = await group(owner, [early]);
    await call('POST', `/api/conversations/${id}/members`, { token: owner.token, body: { userIds: [admin.id] } });
    await call('POST', `/api/conversations/${id}/members`, { token: owner.token, body: { userIds: [late.id] } });
    await setRole(owner, id, admin, 'admin');

    expect((await call('DELETE', `/api/conversations/${id}/members/${owner.id}`, { token: owner.token })).status).toBe(204);
    let c = (await call('GET', `/api/conversations/${id}`, { token: early.token })).body.conversation;
    expect(c.members.find((m: { role: string }) => m.role === 'owner').user.id).toBe(admin.id);

    await call('DELETE', `/api/conversations/${id}/members/${admin.id}`, { token: admin.token });
    c = (await call('GET', `/api/conversations/${id}`, { token: early.token })).body.conversation;
    expect(c.members.find((m: { role: string }) => m.role === 'owner').user.id).toBe(early.id);

    await call('DELETE', `/api/conversations/${id}/members/${early.id}`, { token: early.token });
    await call('DELETE', `/api/conversations/${id}/members/${late.id}`, { token: late.token });
    expect((await call('GET', `/api/conversations/${id}`, { token: late.token })).status).toBe(404);
    expect((await call('GET', '/api/conversations', { token: owner.token })).body.items.map((x: { id: string }) => x.id)).not.toContain(id);
  });

  it('cut a removed member off at once: an event, then 404 and no further messages', async () => {
    const [owner, member] = [await newUser(), await newUser()];
    const id = await group(owner, [member]);
    const socket = await connect({ token: member.token });
    const removed = nextEvent(socket, 'conversation:removed');
    expect((await call('DELETE', `/api/conversations/${id}/members/${member.id}`, { token: owner.token })).status).toBe(204);
    expect(await removed).toEqual({ conversationId: id });
    expect((await call('GET', `/api/conversations/${id}`, { token: member.token })).status).toBe(404);
    expect((await call('GET', `/api/conversations/${id}/messages`, { token: member.token })).status).toBe(404);
    const got: unknown[] = [];
    socket.on('message:new', (m) => got.push(m));
    const ownerSocket = await connect({ token: owner.token });
    const ownerHeard = nextEvent(ownerSocket, 'message:new');
    await send(owner, id, 'after you left');
    // The positive control: a member hears it (one emit reaches all members' sockets together).
    await ownerHeard;
    await new Promise((r) => setTimeout(r, 50));
    expect(got).toEqual([]);
  });

  it('transfer ownership when the owner deletes their account', async () => {
    const [owner, member] = [await newUser(), await newUser()];
    const id = await group(owner, [member]);
    await send(owner, id, 'my last words');
    await call('DELETE', '/api/users/me', { token: owner.token, body: { password: owner.password } });
    const c = (await call('GET', `/api/conversations/${id}`, { token: member.token })).body.conversation;
    expect(c.members).toHaveLength(1);
    expect(c.members[0]).toMatchObject({ role: 'owner', user: { id: member.id } });
    const history = await call('GET', `/api/conversations/${id}/messages`, { token: member.token });
    expect(history.body.items[0]).toMatchObject({ body: 'my last words', sender: null });
  });
});

describe('the conversation list', () => {
  it('orders by latest activity and counts unread messages exactly', async () => {
    const [me, a, b] = [await newUser(), await newUser(), await newUser()];
    const withA = await direct(me, a);
    const withB = await direct(me, b);
    await send(a, withA, 'one');
    await send(a, withA, 'two');
    await send(b, withB, 'hi');
    await send(a, withA, 'three');
    let list = (await call('GET', '/api/conversations', { token: me.token })).body.items;
    expect(list.map((c: { id: string }) => c.id)).toEqual([withA, withB]);
    expect(list[0]).toMatchObject({ unreadCount: 3, lastSeq: 3, lastMessage: { body: 'three', seq: 3 } });
    expect(list[1].unreadCount).toBe(1);

    expect((await call('POST', `/api/conversations/${withA}/read`, { token: me.token, body: { seq: 2 } })).status).toBe(204);
    list = (await call('GET', '/api/conversations', { token: me.token })).body.items;
    expect(list[0].unreadCount).toBe(1);
    // Reading never moves backward, nor past the last message.
    await call('POST', `/api/conversations/${withA}/read`, { token: me.token, body: { seq: 1 } });
    await call('POST', `/api/conversations/${withA}/read`, { token: me.token, body: { seq: 99 } });
    const c = (await call('GET', `/api/conversations/${withA}`, { token: me.token })).body.conversation;
    expect(c.unreadCount).toBe(0);
    expect(c.members.find((m: { user: { id: string } }) => m.user.id === me.id).lastReadSeq).toBe(3);
    // Your own messages are never unread to you.
    await send(me, withB, 'mine');
    expect((await call('GET', `/api/conversations/${withB}`, { token: me.token })).body.conversation.unreadCount).toBe(0);
  });

  it('pages with a cursor', async () => {
    const me = await newUser();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await direct(me, await newUser()));
    const first = await call('GET', '/api/conversations?limit=2', { token: me.token });
    const second = await call('GET', `/api/conversations?limit=2&cursor=${first.body.nextCursor}`, { token: me.token });
    const third = await call('GET', `/api/conversations?limit=2&cursor=${second.body.nextCursor}`, { token: me.token });
    const seen = [...first.body.items, ...second.body.items, ...third.body.items].map((c: { id: string }) => c.id);
    expect(seen).toEqual([...ids].reverse());
    expect(third.body.nextCursor).toBeNull();
  });
});
