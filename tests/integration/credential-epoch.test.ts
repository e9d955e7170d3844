// The credential epoch: a password change moves the user's `credentials_changed_at`, and a session
// or personal access token created before it no longer works, even one the change's revocation
// missed (a sign-in that checked the old password just before the change and wrote its row after).
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { database } from '../support/database';
import { call, newUser, signInToken, type TestUser } from '../support/http';

const newPassword = 'a brand new secret';

function secret(prefix: 'chs_' | 'chp_') {
  const value = prefix + randomBytes(32).toString('base64url');
  return { value, hash: createHash('sha256').update(value).digest('hex') };
}

async function changePassword(user: TestUser) {
  const reply = await call('PUT', '/api/users/me/password', { token: user.token, body: { currentPassword: user.password, newPassword } });
  expect(reply.status).toBe(204);
}

describe('the credential epoch', () => {
  it('refuses a session whose row was created before the last password change, and keeps the one that changed it', async () => {
    const user = await newUser();
    await changePassword(user);
    const stale = secret('chs_');
    const fresh = secret('chs_');
    await database()`insert into sessions (user_id, kind, token_hash, created_at, expires_at)
      values (${user.id}, 'api', ${stale.hash}, now() - interval '2 seconds', now() + interval '1 day'),
             (${user.id}, 'api', ${fresh.hash}, now(), now() + interval '1 day')`;
    expect((await call('GET', '/api/users/me', { token: stale.value })).status).toBe(401);
    expect((await call('GET', '/api/users/me', { token: fresh.value })).status).toBe(200);
    expect((await call('GET', '/api/users/me', { token: user.token })).status).toBe(200);
  });

  it('refuses a personal access token created before the last password change', async () => {
    const user = await newUser();
    await changePassword(user);
    const stale = secret('chp_');
    await database()`insert into api_tokens (user_id, name, token_hash, created_at)
      values (${user.id}, 'old bot', ${stale.hash}, now() - interval '2 seconds')`;
    expect((await call('GET', '/api/users/me', { token: stale.value })).status).toBe(401);
  });

  it('never lets a sign-in racing a password change keep a session made with the old password', async () => {
    const survivors: number[] = [];
    for (let i = 0; i < 8; i++) {
      const user = await newUser();
      // The sign-in starts a little after the change, so that it reads the old hash and writes its row after the change.
      const change = call('PUT', '/api/users/me/password', { token: user.token, body: { currentPassword: user.password, newPassword } });
      await new Promise((r) => setTimeout(r, 20 + i * 15));
      const signIn = signInToken(user.username, user.password).catch(() => null);
      const [changed, token] = await Promise.all([change, signIn]);
      expect(changed.status).toBe(204);
      if (token && (await call('GET', '/api/users/me', { token })).status === 200) survivors.push(i);
    }
    expect(survivors, 'sign-ins with the old password that survived the change').toEqual([]);
  });
});
