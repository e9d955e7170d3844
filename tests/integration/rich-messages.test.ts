// Rich messages through the real server: mentions resolved and counted, reactions (idempotent,
// limited, members only, live), replies (validated and shaped), history around a message, and
// drafts that follow their writer to every socket and go with a send.
import { afterAll, describe, expect, it } from 'vitest';
import { direct, group, send } from '../support/chat';
import { call, newUser, type TestUser } from '../support/http';
import { ack, closeAll, collect, connect, nextEvent, sleep } from '../support/sockets';

afterAll(closeAll);

const reactPath = (messageId: string, emoji: string) => `/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`;

async function conversationOf(user: TestUser, conversationId: string) {
  const reply = await call('GET', `/api/conversations/${conversationId}`, { token: user.token });
  expect(reply.status).toBe(200);
  return reply.body.conversation;
}

async function sendReply(user: TestUser, conversationId: string, body: string, replyToId: string) {
  return call('POST', `/api/conversations/${conversationId}/messages`, { token: user.token, body: { body, replyToId } });
}

describe('mentions', () => {
  it('resolves @username of members (any case) on send and edit, and nobody else', async () => {
    const [a, b, c, outsider] = await Promise.all([newUser(), newUser(), newUser(), newUser()]);
    const id = await group(a, [b, c]);
    const m = await send(a, id, `hi @${b.username.toUpperCase()} and @${outsider.username} and @nobody-here`);
    expect(m.mentions).toEqual([b.id]);
    const edited = await call('PATCH', `/api/messages/${m.id}`, { token: a.token, body: { body: `now @${c.username} only` } });
    expect(edited.body.message.mentions).toEqual([c.id]);
    const page = await call('GET', `/api/conversations/${id}/messages`, { token: b.token });
    expect(page.body.items.at(-1).mentions).toEqual([c.id]);
  });

  it('makes @all in a group mention every other member, and nothing in a direct conversation', async () => {
    const [a, b, c] = await Promise.all([newUser(), newUser(), newUser()]);
    const id = await group(a, [b, c]);
    const m = await send(a, id, 'standup in 5 @all');
    expect([...m.mentions].sort()).toEqual([b.id, c.id].sort());
    const dm = await direct(a, b);
    expect((await send(a, dm, 'hey @all')).mentions).toEqual([]);
    expect((await send(a, dm, `hey @${b.username}`)).mentions).toEqual([b.id]);
  });

  it('counts unread mentions per reader until they read, and not once deleted', async () => {
    const [a, b, c] = await Promise.all([newUser(), newUser(), newUser()]);
    const id = await group(a, [b, c]);
    await send(a, id, `@${b.username} one`);
    const second = await send(a, id, `@${b.username} two`);
    await send(a, id, 'no mention');
    await send(c, id, '@all three');
    expect(await conversationOf(b, id)).toMatchObject({ unreadCount: 4, unreadMentions: 3 });
    // c's own send moved c's read marker past everything before it.
    expect(await conversationOf(c, id)).toMatchObject({ unreadCount: 0, unreadMentions: 0 });
    expect((await call('DELETE', `/api/messages/${second.id}`, { token: a.token })).status).toBe(204);
    expect(await conversationOf(b, id)).toMatchObject({ unreadCount: 3, unreadMentions: 2 });
    const list = await call('GET', '/api/conversations', { token: b.token });
    expect(list.body.items.find((x: { id: string }) => x.id === id)).toMatchObject({ unreadMentions: 2 });
    await call('POST', `/api/conversations/${id}/read`, { token: b.token, body: { seq: 4 } });
    expect(await conversationOf(b, id)).toMatchObject({ unreadCount: 0, unreadMentions: 0 });
  });
});

describe('reactions', () => {
  it('adds and removes idempotently, in order of first use, and tells every member live', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const id = await direct(a, b);
    const m = await send(a, id, 'ship it?');
    const watcher = await connect({ token: a.token });
    const heard = nextEvent(watcher, 'message:reactions', (e) => e.messageId === m.id);
    const first = await call('PUT', reactPath(m.id, '👍'), { token: b.token });
    expect(first.status).toBe(200);
    expect(first.body.message.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [b.id] }]);
    expect(await heard).toEqual({ conversationId: id, messageId: m.id, reactions: [{ emoji: '👍', count: 1, userIds: [b.id] }] });

    const again = await call('PUT', reactPath(m.id, '👍'), { token: b.token });
    expect(again.body.message.reactions).toEqual([{ emoji: '👍', count: 1, userIds: [b.id] }]);
    await call('PUT', reactPath(m.id, '🧑‍💻'), { token: a.token });
    const both = await call('PUT', reactPath(m.id, '👍🏽'), { token: a.token });
    expect(both.body.message.reactions.map((r: { emoji: string }) => r.emoji)).toEqual(['👍', '🧑‍💻', '👍🏽']);
    await call('PUT', reactPath(m.id, '👍'), { token: a.token });
    const counted = await call('GET', `/api/conversations/${id}/messages`, { token: a.token });
    expect(counted.body.items[0].reactions[0]).toEqual({ emoji: '👍', count: 2, userIds: [b.id, a.id] });

    // Now 👍's earliest remaining reaction is a's, the newest of all: it moves last.
    const removed = await call('DELETE', reactPath(m.id, '👍'), { token: b.token });
    expect(removed.body.message.reactions.map((r: { emoji: string }) => r.emoji)).toEqual(['🧑‍💻', '👍🏽', '👍']);
    expect(removed.body.message.reactions[2]).toEqual({ emoji: '👍', count: 1, userIds: [a.id] });
    const twice = await call('DELETE', reactPath(m.id, '👍'), { token: b.token });
    expect(twice.status).toBe(200);
    expect(twice.body.message.reactions).toEqual(removed.body.message.reactions);
  });

  it('orders by the earliest remaining reaction after a removal', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const id = await direct(a, b);
    const m = await send(a, id, 'order');
    await call('PUT', reactPath(m.id, '🎉'), { token: a.token });
    await call('PUT', reactPath(m.id, '😮'), { token: a.token });
    await call('PUT', reactPath(m.id, '🎉'), { token: b.token });
    const after = await call('DELETE', reactPath(m.id, '🎉'), { token: a.token });
    expect(after.body.message.reactions).toEqual([
      { emoji: '😮', count: 1, userIds: [a.id] },
      { emoji: '🎉', count: 1, userIds: [b.id] },
    ]);
  });

  it('refuses what is not exactly one emoji with 400, and changes nothing', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const id = await direct(a, b);
    const m = await send(a, id, 'emoji only');
    for (const bad of ['👍👍', 'a', ':+1:', '1', ' 👍', 'x'.repeat(40)]) {
      const reply = await call('PUT', reactPath(m.id, bad), { token: a.token });
      expect(reply.status, bad).toBe(400);
      expect(reply.body.error.code).toBe('validation_failed');
    }
    // A path that is not even percent-encoded UTF-8 names no route.
    expect((await call('PUT', `/api/messages/${m.id}/reactions/%E0%A4%A`, { token: a.token })).status).toBe(404);
    const socket = await connect({ token: a.token });
    const refused = await ack(socket, 'reaction:add', { messageId: m.id, emoji: '👍👍' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const page = await call('GET', `/api/conversations/${id}/messages`, { token: a.token });
    expect(page.body.items[0].reactions).toEqual([]);
  });

  it('takes at most 20 different emoji on a message (409 beyond), also when they race', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const id = await direct(a, b);
    const m = await send(a, id, 'lots');
    const emoji = [
      '😀',
      '😃',
      '😄',
      '😁',
      '😆',
      '😅',
      '🤣',
      '😂',
      '🙂',
      '🙃',
      '😉',
      '😊',
      '😇',
      '🥰',
      '😍',
      '🤩',
      '😘',
      '😗',
      '😚',
      '😙',
      '😋',
      '😛',
      '😜',
      '🤪',
    ];
    const replies = await Promise.all(emoji.map((e, i) => call('PUT', reactPath(m.id, e), { token: i % 2 ? a.token : b.token })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(20);
    expect(replies.filter((r) => r.status === 409)).toHaveLength(4);
    const page = await call('GET', `/api/conversations/${id}/messages`, { token: a.token });
    expect(page.body.items[0].reactions).toHaveLength(20);
    // Joining one of the 20 is still fine: it adds no emoji.
    const first = page.body.items[0].reactions[0];
    const joiner = first.userIds.includes(a.id) ? b : a;
    const more = await call('PUT', reactPath(m.id, first.emoji), { token: joiner.token });
    expect(more.status).toBe(200);
    expect(more.body.message.reactions[0]).toMatchObject({ emoji: first.emoji, count: 2 });
  });

  it('answers 404 to a non-member, 409 on a deleted message, and empties reactions with the message', async () => {
    const [a, b, outsider] = await Promise.all([newUser(), newUser(), newUser()]);
    const id = await direct(a, b);
    const m = await send(a, id, 'private');
    expect((await call('PUT', reactPath(m.id, '👍'), { token: outsider.token })).status).toBe(404);
    expect((await call('DELETE', reactPath(m.id, '👍'), { token: outsider.token })).status).toBe(404);
    const socket = await connect({ token: outsider.token });
    expect(await ack(socket, 'reaction:add', { messageId: m.id, emoji: '👍' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await call('PUT', reactPath(m.id, '👍'), { token: b.token });
    expect((await call('DELETE', `/api/messages/${m.id}`, { token: a.token })).status).toBe(204);
    expect((await call('PUT', reactPath(m.id, '🎉'), { token: b.token })).status).toBe(409);
    const page = await call('GET', `/api/conversations/${id}/messages`, { token: a.token });
    expect(page.body.items[0]).toMatchObject({ body: null, reactions: [], mentions: [] });
  });

  it('works over Socket.IO with the same answers', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const id = await direct(a, b);
    const m = await send(a, id, 'socket');
    const sa = await connect({ token: a.token });
    const sb = await connect({ token: b.token });
    const heard = nextEvent(sa, 'message:reactions', (e) => e.messageId === m.id);
    const added = await ack(sb, 'reaction:add', { messageId: m.id, emoji: '❤️' });
    expect(added).toMatchObject({ ok: true, message: { id: m.id, reactions: [{ emoji: '❤️', count: 1, userIds: [b.id] }] } });
    expect((await heard).reactions).toEqual([{ emoji: '❤️', count: 1, userIds: [b.id] }]);
    const quiet = collect(sa, 'message:reactions');
    expect(await ack(sb, 'reaction:add', { messageId: m.id, emoji: '❤️' })).toMatchObject({ ok: true });
    await sleep(300);
    expect(quiet.stop()).toEqual([]); // nothing changed, nobody told
    const removed = await ack(sb, 'reaction:remove', { messageId: m.id, emoji: '❤️' });
    expect(removed).toMatchObject({ ok: true, message: { reactions: [] } });
    const quietAgain = collect(sa, 'message:reactions');
    expect(await ack(sb, 'reaction:remove', { messageId: m.id, emoji: '❤️' })).toMatchObject({ ok: true, message: { reactions: [] } });
    await sleep(300);
    expect(quietAgain.stop()).toEqual([]); // nothing to take back, nobody told
  });
});

describe('replies', () => {
  it('quote the message answered (200 code points, its sender) and follow its edits and deletion', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const id = await direct(a, b);
    const long = '🙂'.repeat(150) + 'x'.repeat(100);
    const original = await send(a, id, long);
    const reply = await sendReply(b, id, 'agreed', original.id);
    expect(reply.status).toBe(201);
    expect(reply.body.message.replyTo).toEqual({
      id: original.id,
      seq: original.seq,
      sender: { id: a.id, username: a.username, displayName: a.displayName },
      body: '🙂'.repeat(150) + 'x'.repeat(50),
      deletedAt: null,
    });
    await call('DELETE', `/api/messages/${original.id}`, { token: a.token });
    const page = await call('GET', `/api/conversations/${id}/messages`, { token: b.token });
    expect(page.body.items.at(-1).replyTo).toMatchObject({ id: original.id, body: null, deletedAt: expect.any(String) });
    const toDeleted = await sendReply(b, id, 'still answering', original.id);
    expect(toDeleted.status).toBe(201);
  });

  it('refuse a message of another conversation or none with 400, and store nothing', async () => {
    const [a, b, c] = await Promise.all([newUser(), newUser(), newUser()]);
    const id = await direct(a, b);
    const elsewhere = await send(a, await direct(a, c), 'other conversation');
    const before = await conversationOf(a, id);
    for (const replyToId of [elsewhere.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await sendReply(a, id, 'nope', replyToId);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'replyToId' }] });
    }
    expect((await sendReply(a, id, 'nope', 'not-an-id')).status).toBe(400);
    expect((await conversationOf(a, id)).lastSeq).toBe(before.lastSeq);
    const socket = await connect({ token: a.token });
    const viaSocket = await ack(socket, 'message:send', { conversationId: id, body: 'nope', clientId: 'r1', replyToId: elsewhere.id });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect((await conversationOf(a, id)).lastSeq).toBe(before.lastSeq);
  });
});

describe('history around a message', () => {
  it('holds the message with up to half before it, filled from the other side near either end', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const id = await direct(a, b);
    for (let i = 1; i <= 30; i++) await send(a, id, `m${i}`);
    const around = (seq: number, limit = 10) => call('GET', `/api/conversations/${id}/messages?around=${seq}&limit=${limit}`, { token: b.token });
    const seqs = (r: { body: { items: { seq: number }[] } }) => r.body.items.map((m) => m.seq);

    const middle = await around(15);
    expect(seqs(middle)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(middle.body).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
    const start = await around(2);
    expect(seqs(start)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(start.body).toMatchObject({ hasMoreBefore: false, hasMoreAfter: true });
    const end = await around(29);
    expect(seqs(end)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(end.body).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
    const last = await around(30, 1);
    expect(seqs(last)).toEqual([30]);
    // At either end, one side is empty and the other has more than the page: that side says so.
    const first = await around(1);
    expect(seqs(first)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first.body).toMatchObject({ hasMoreBefore: false, hasMoreAfter: true });
    const past = await around(40);
    expect(seqs(past)).toEqual([21, 22, 23, 24, 25, 26, 27, 28, 29, 30]);
    expect(past.body).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
    const exact = await around(25, 30);
    expect(seqs(exact)).toHaveLength(30);
    expect(exact.body).toMatchObject({ hasMoreBefore: false, hasMoreAfter: false });
    const all = await around(7, 100);
    expect(seqs(all)).toHaveLength(30);
    expect(all.body).toMatchObject({ hasMoreBefore: false, hasMoreAfter: false });
  });

  it('is empty in an empty conversation', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const empty = await call('GET', `/api/conversations/${await direct(a, b)}/messages?around=5`, { token: a.token });
    expect(empty.body).toEqual({ items: [], hasMoreBefore: false, hasMoreAfter: false });
  });

  it('is for members only, and one of before, after or around', async () => {
    const [a, b, outsider] = await Promise.all([newUser(), newUser(), newUser()]);
    const id = await direct(a, b);
    await send(a, id, 'x');
    expect((await call('GET', `/api/conversations/${id}/messages?around=1`, { token: outsider.token })).status).toBe(404);
    expect((await call('GET', `/api/conversations/${id}/messages?around=1&before=3`, { token: a.token })).status).toBe(400);
    expect((await call('GET', `/api/conversations/${id}/messages?around=0`, { token: a.token })).status).toBe(400);
  });
});

describe('drafts', () => {
  it('are saved, pushed to every socket of their writer only, shown in the conversation, and cleared by a send', async () => {
    const [a, b] = await Promise.all([newUser(), newUser()]);
    const id = await direct(a, b);
    const tab1 = await connect({ token: a.token });
    const tab2 = await connect({ token: a.token });
    const other = collect(await connect({ token: b.token }), 'draft:updated');
    const heard = nextEvent(tab2, 'draft:updated');
    expect(await ack(tab1, 'draft:set', { conversationId: id, body: 'half a thought' })).toEqual({ ok: true });
    expect(await heard).toEqual({ conversationId: id, body: 'half a thought', updatedAt: expect.any(String) });
    expect((await conversationOf(a, id)).draft).toEqual({ body: 'half a thought', updatedAt: expect.any(String) });
    expect((await conversationOf(b, id)).draft).toBeNull();

    const rest = await call('PUT', `/api/conversations/${id}/draft`, { token: a.token, body: { body: 'a whole thought' } });
    expect(rest.status).toBe(204);
    expect((await conversationOf(a, id)).draft.body).toBe('a whole thought');

    const cleared = nextEvent(tab2, 'draft:updated', (d) => d.body === '');
    await send(a, id, 'a whole thought');
    expect(await cleared).toMatchObject({ conversationId: id, body: '' });
    expect((await conversationOf(a, id)).draft).toBeNull();
    await sleep(200);
    expect(other.stop()).toEqual([]);
  });

  it('clear with an empty body, tell nobody when there was nothing to clear, and refuse non-members with 404', async () => {
    const [a, b, outsider] = await Promise.all([newUser(), newUser(), newUser()]);
    const id = await direct(a, b);
    const socket = await connect({ token: a.token });
    await call('PUT', `/api/conversations/${id}/draft`, { token: a.token, body: { body: 'x' } });
    const heard = nextEvent(socket, 'draft:updated', (d) => d.body === '');
    expect((await call('PUT', `/api/conversations/${id}/draft`, { token: a.token, body: { body: '' } })).status).toBe(204);
    await heard;
    const quiet = collect(socket, 'draft:updated');
    await call('PUT', `/api/conversations/${id}/draft`, { token: a.token, body: { body: '' } });
    await send(a, id, 'no draft to clear');
    await sleep(300);
    expect(quiet.stop()).toEqual([]);
    expect((await call('PUT', `/api/conversations/${id}/draft`, { token: outsider.token, body: { body: 'sneaky' } })).status).toBe(404);
    expect((await call('PUT', `/api/conversations/${id}/draft`, { token: a.token, body: { body: 'x'.repeat(4001) } })).status).toBe(400);
  });

  it('go with the membership', async () => {
    const [a, b, c] = await Promise.all([newUser(), newUser(), newUser()]);
    const id = await group(a, [b, c]);
    await call('PUT', `/api/conversations/${id}/draft`, { token: b.token, body: { body: 'leaving soon' } });
    expect((await call('DELETE', `/api/conversations/${id}/members/${b.id}`, { token: b.token })).status).toBe(204);
    await call('POST', `/api/conversations/${id}/members`, { token: a.token, body: { userIds: [b.id] } });
    expect((await conversationOf(b, id)).draft).toBeNull();
  });
});
