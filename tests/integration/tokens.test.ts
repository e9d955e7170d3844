import { describe, expect, it } from 'vitest';
import { call, newPersonalToken, newUser } from '../support/http';

describe('personal access tokens', () => {
  it('shows the secret once, lists the token without it, records use, and revokes at once', async () => {
    const user = await newUser();
    const created = await call('POST', '/api/tokens', { token: user.token, body: { name: 'deploy bot', expiresInDays: 30, password: user.password } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'deploy bot', lastUsedAt: null });
    expect(created.body.token).toMatch(/^chp_/);
    const days = (new Date(created.body.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);

    const me = await call('GET', '/api/users/me', { token: created.body.token });
    expect(me.body.user.id).toBe(user.id);

    const list = await call('GET', '/api/tokens', { token: user.token });
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: created.body.id, name: 'deploy bot' });
    expect(list.body.items[0].lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);

    expect((await call('DELETE', `/api/tokens/${created.body.id}`, { token: user.token })).status).toBe(204);
    expect((await call('GET', '/api/users/me', { token: created.body.token })).status).toBe(401);
    expect((await call('GET', '/api/tokens', { token: user.token })).body.items).toEqual([]);
  });

  it('creates tokens without expiry and pages through them newest first', async () => {
    const user = await newUser();
    for (const name of ['one', 'two', 'three']) await newPersonalToken(user, { name });
    const first = await call('GET', '/api/tokens?limit=2', { token: user.token });
    expect(first.body.items.map((t: { name: string }) => t.name)).toEqual(['three', 'two']);
    expect(first.body.items[0].expiresAt).toBeNull();
    const second = await call('GET', `/api/tokens?limit=2&cursor=${first.body.nextCursor}`, { token: user.token });
    expect(second.body.items.map((t: { name: string }) => t.name)).toEqual(['one']);
    expect(second.body.nextCursor).toBeNull();
  });

  it("hides other people's tokens: revoking one answers 404 and leaves it working", async () => {
    const owner = await newUser();
    const stranger = await newUser();
    const created = await newPersonalToken(owner, { name: 'mine' });
    expect((await call('DELETE', `/api/tokens/${created.id}`, { token: stranger.token })).status).toBe(404);
    expect((await call('GET', '/api/users/me', { token: created.token })).status).toBe(200);
  });

  it('rejects a nameless token or an out-of-range expiry', async () => {
    const user = await newUser();
    const reply = await call('POST', '/api/tokens', { token: user.token, body: { name: ' ', expiresInDays: 0, password: user.password } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['expiresInDays', 'name']);
    expect((await call('GET', '/api/tokens', { token: user.token })).body.items).toEqual([]);
  });

  it('a personal token can log itself out', async () => {
    const user = await newUser();
    const created = await newPersonalToken(user, { name: 'temp' });
    expect((await call('POST', '/api/auth/logout', { token: created.token })).status).toBe(204);
    expect((await call('GET', '/api/users/me', { token: created.token })).status).toBe(401);
    expect((await call('GET', '/api/users/me', { token: user.token })).status).toBe(200);
  });

  it('needs the current password: none or a wrong one is a 400 on `password`, and makes no token', async () => {
    const user = await newUser();
    for (const body of [{ name: 'no password' }, { name: 'wrong password', password: 'not the password' }]) {
      const reply = await call('POST', '/api/tokens', { token: user.token, body });
      expect(reply.status).toBe(400);
      expect(reply.body.error.details.map((d: { path: string }) => d.path)).toEqual(['password']);
    }
    expect((await call('GET', '/api/tokens', { token: user.token })).body.items).toEqual([]);
  });

  it('refuses a personal access token (403) what would let a leaked one take the account: a new token, a password change, deletion', async () => {
    const user = await newUser();
    const pat = (await newPersonalToken(user)).token;
    const attempts = [
      call('POST', '/api/tokens', { token: pat, body: { name: 'forever', password: user.password } }),
      call('PUT', '/api/users/me/password', { token: pat, body: { currentPassword: user.password, newPassword: 'taken over now' } }),
      call('DELETE', '/api/users/me', { token: pat, body: { password: user.password } }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('forbidden');
    }
    expect((await call('GET', '/api/tokens', { token: user.token })).body.items).toHaveLength(1);
    expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: user.password } })).status).toBe(200);
    expect((await call('GET', '/api/users/me', { token: pat })).status).toBe(200);
  });

  it('stop working when the password changes', async () => {
    const user = await newUser();
    const pat = (await newPersonalToken(user)).token;
    const changed = await call('PUT', '/api/users/me/password', {
      token: user.token,
      body: { currentPassword: user.password, newPassword: 'a brand new secret' },
    });
    expect(changed.status).toBe(204);
    expect((await call('GET', '/api/users/me', { token: pat })).status).toBe(401);
    expect((await call('GET', '/api/tokens', { token: user.token })).body.items).toEqual([]);
  });
});
