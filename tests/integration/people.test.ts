import { describe, expect, it } from 'vitest';
import { call, newUser, uniqueName } from '../support/http';

describe('finding people', () => {
  it('matches a substring of the username or display name, ignoring case', async () => {
    const tag = uniqueName('zz').slice(3);
    const a = await newUser({ username: `p_${tag}_one`, displayName: 'Someone' });
    const b = await newUser({ displayName: `Marie ${tag.toUpperCase()} Curie` });
    await newUser();
    const reply = await call('GET', `/api/users?q=${tag}`, { token: a.token });
    expect(reply.status).toBe(200);
    expect(reply.body.items.map((u: { id: string }) => u.id).sort()).toEqual([a.id, b.id].sort());
    expect(reply.body.items[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        username: expect.any(String),
        displayName: expect.any(String),
        online: expect.any(Boolean),
        createdAt: expect.any(String),
      }),
    );
  });

  it('treats % and _ in the query as plain characters', async () => {
    const user = await newUser();
    const reply = await call('GET', '/api/users?q=%25', { token: user.token });
    expect(reply.status).toBe(200);
    expect(reply.body.items).toEqual([]);
  });

  it('pages through everyone by username with a cursor, with no repeats or gaps', async () => {
    const tag = uniqueName('pg').slice(3);
    const made = [];
    for (let i = 0; i < 7; i++) made.push(await newUser({ username: `pg_${tag}_${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply: { status: number; body: { items: { username: string }[]; nextCursor: string | null } } = await call(
        'GET',
        `/api/users?q=pg_${tag}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { token: made[0].token },
      );
      expect(reply.status).toBe(200);
      seen.push(...reply.body.items.map((u) => u.username));
      cursor = reply.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(made.map((u) => u.username));
  });

  it('rejects a malformed cursor or limit with the fields named', async () => {
    const user = await newUser();
    const badCursor = await call('GET', '/api/users?cursor=notacursor', { token: user.token });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error.details[0].path).toBe('cursor');
    const badLimit = await call('GET', '/api/users?limit=500', { token: user.token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.details[0].path).toBe('limit');
  });

  it('shows one person by id, and 404 for an unknown or malformed id', async () => {
    const user = await newUser();
    const other = await newUser();
    expect((await call('GET', `/api/users/${other.id}`, { token: user.token })).body.user.username).toBe(other.username);
    expect((await call('GET', '/api/users/00000000-0000-4000-8000-000000000000', { token: user.token })).status).toBe(404);
    const malformed = await call('GET', "/api/users/1'%20or%201=1", { token: user.token });
    expect(malformed.status).toBe(404);
    expect(malformed.body.error.code).toBe('not_found');
  });

  it('is only for signed-in people', async () => {
    expect((await call('GET', '/api/users')).status).toBe(401);
  });
});
