// Conversation changes travel as deltas: the whole conversation to people who do not have it yet
// (its creation, being added), a small event to everyone else, and (for clients of the first
// contract) the whole conversation as well in groups small enough for it to be cheap.
import { afterEach, describe, expect, it } from 'vitest';
import { group, send, setRole } from '../support/chat';
import { call, newUser } from '../support/http';
import { closeAll, collect, connect, nextEvent } from '../support/sockets';
import { SNAPSHOT_MAX_MEMBERS } from '@/lib/realtime/snapshots';

afterEach(() => closeAll());

describe('conversation changes, live', () => {
  it('announce a new group to every member once, as the whole conversation', async () => {
    const [owner, member] = [await newUser(), await newUser()];
    const socket = await connect({ token: member.token });
    const heard = collect(socket, 'conversation:updated');
    const announced = nextEvent(socket, 'conversation:updated');
    const id = await group(owner, [member], 'Launch');
    expect(await announced).toMatchObject({ id, title: 'Launch', unreadCount: 0, lastMessage: null });
    expect((await announced).members).toHaveLength(2);
    const later = nextEvent(socket, 'message:new');
    await send(owner, id, 'after'); // a later event, so anything still on its way has arrived
    await later;
    expect(heard.stop()).toHaveLength(1);
  });

  it('tell members of a rename with a small conversation:changed, and in a small group also the whole conversation', async () => {
    const [owner, member] = [await newUser(), await newUser()];
    const id = await group(owner, [member], 'Old');
    const socket = await connect({ token: member.token });
    const changed = nextEvent(socket, 'conversation:changed');
    const copy = nextEvent(socket, 'conversation:updated', (c) => c.title === 'New');
    expect((await call('PATCH', `/api/conversations/${id}`, { token: owner.token, body: { title: 'New' } })).status).toBe(200);
    const event = await changed;
    expect(event).toEqual({ conversationId: id, title: 'New', updatedAt: expect.any(String) });
    expect(await copy).toMatchObject({ id, title: 'New', unreadCount: 0 });
  });

  it(`send a group of more than ${SNAPSHOT_MAX_MEMBERS} members only the delta of a rename`, async () => {
    const owner = await newUser();
    const others = await Promise.all(Array.from({ length: SNAPSHOT_MAX_MEMBERS }, () => newUser()));
    const id = await group(owner, others, 'Big');
    const socket = await connect({ token: others[0].token });
    const copies = collect(socket, 'conversation:updated');
    const changed = nextEvent(socket, 'conversation:changed');
    expect((await call('PATCH', `/api/conversations/${id}`, { token: owner.token, body: { title: 'Bigger' } })).status).toBe(200);
    expect(await changed).toMatchObject({ conversationId: id, title: 'Bigger' });
    const later = nextEvent(socket, 'message:new');
    await send(owner, id, 'after'); // a later event: a copy still on its way would have arrived first
    await later;
    expect(copies.stop()).toEqual([]);
  });

  it('give people added to a group the whole conversation, with their unread count, and the others only the new members', async () => {
    const [owner, old, fresh] = [await newUser(), await newUser(), await newUser()];
    const id = await group(owner, [old]);
    await send(owner, id, 'one');
    await send(owner, id, 'two');
    const [oldSocket, freshSocket] = [await connect({ token: old.token }), await connect({ token: fresh.token })];
    const added = nextEvent(oldSocket, 'member:added');
    const whole = nextEvent(freshSocket, 'conversation:updated');
    expect((await call('POST', `/api/conversations/${id}/members`, { token: owner.token, body: { userIds: [fresh.id] } })).status).toBe(200);
    const delta = await added;
    expect(delta.conversationId).toBe(id);
    expect(delta.members.map((m: { user: { id: string } }) => m.user.id)).toEqual([fresh.id]);
    const conversation = await whole;
    expect(conversation).toMatchObject({ id, unreadCount: 2, lastSeq: 2 });
    expect(conversation.members.map((m: { user: { id: string } }) => m.user.id).sort()).toEqual([owner.id, old.id, fresh.id].sort());
  });

  it('tell the remaining members who left, the leaver that it is gone, and everyone who the new owner is', async () => {
    const [owner, admin, member] = [await newUser(), await newUser(), await newUser()];
    const id = await group(owner, [admin, member]);
    await setRole(owner, id, admin, 'admin');
    const [ownerSocket, memberSocket] = [await connect({ token: owner.token }), await connect({ token: member.token })];
    const gone = nextEvent(ownerSocket, 'conversation:removed');
    const removed = nextEvent(memberSocket, 'member:removed');
    const heir = nextEvent(memberSocket, 'member:updated');
    expect((await call('DELETE', `/api/conversations/${id}/members/${owner.id}`, { token: owner.token })).status).toBe(204);
    expect(await gone).toEqual({ conversationId: id });
    expect(await removed).toEqual({ conversationId: id, userId: owner.id, updatedAt: expect.any(String) });
    expect(await heir).toEqual({ conversationId: id, userId: admin.id, role: 'owner', updatedAt: expect.any(String) });
  });

  it('tell members of a role change with member:updated', async () => {
    const [owner, member] = [await newUser(), await newUser()];
    const id = await group(owner, [member]);
    const socket = await connect({ token: member.token });
    const updated = nextEvent(socket, 'member:updated');
    await setRole(owner, id, member, 'admin');
    expect(await updated).toEqual({ conversationId: id, userId: member.id, role: 'admin', updatedAt: expect.any(String) });
  });

  it('tell the other person of a direct conversation when an account is deleted', async () => {
    const [leaver, stayer] = [await newUser(), await newUser()];
    const { body } = await call('POST', '/api/conversations', { token: leaver.token, body: { type: 'direct', userId: stayer.id } });
    const socket = await connect({ token: stayer.token });
    const removed = nextEvent(socket, 'member:removed');
    expect((await call('DELETE', '/api/users/me', { token: leaver.token, body: { password: leaver.password } })).status).toBe(204);
    expect(await removed).toMatchObject({ conversationId: body.conversation.id, userId: leaver.id });
  });
});

describe('members', () => {
  it('page in the order they joined, to members only', async () => {
    const owner = await newUser();
    const others = [await newUser(), await newUser(), await newUser(), await newUser()];
    const id = await group(owner, []);
    for (const u of others) await call('POST', `/api/conversations/${id}/members`, { token: owner.token, body: { userIds: [u.id] } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { user: { id: string } }[]; nextCursor: string | null } } = await call(
        'GET',
        `/api/conversations/${id}/members?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: owner.token },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((m) => m.user.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([owner.id, ...others.map((u) => u.id)]);
    const stranger = await newUser();
    expect((await call('GET', `/api/conversations/${id}/members`, { token: stranger.token })).status).toBe(404);
    expect((await call('GET', `/api/conversations/${id}/members?cursor=WyJ4IiwieSJd`, { token: owner.token })).status).toBe(400);
  });
});

describe('crafted cursors', () => {
  it.each(['/api/tokens', '/api/conversations', '/api/users'])('are a 400 on %s, never a 500', async (path) => {
    const user = await newUser();
    for (const cursor of ['WyJ4IiwieSJd', 'WzEsMl0', 'e30', 'bm90IGpzb24', 'WyJcdTAwMDAiXQ']) {
      const reply = await call('GET', `${path}?cursor=${cursor}`, { token: user.token });
      expect(reply.status, `${path} ${cursor}`).toBe(400);
      expect(reply.body.error.code).toBe('validation_failed');
    }
  });
});
