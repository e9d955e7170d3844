import { describe, expect, it } from 'vitest';
import { call, newPersonalToken, newUser, signInToken, uniqueName } from '../support/http';
import { direct, send } from '../support/chat';
import { ack, closeAll, connect } from '../support/sockets';

const password = 'correct horse battery';

describe('registration', () => {
  it('creates an account and answers with the owner view, never the password or its hash', async () => {
    const username = uniqueName('Reg');
    const reply = await call('POST', '/api/auth/register', { body: { username, password, displayName: 'Ada Lovelace' } });
    expect(reply.status).toBe(201);
    expect(reply.body.user).toMatchObject({ username, displayName: 'Ada Lovelace', bio: '', avatarUrl: null, online: false });
    expect(reply.body.user.id).toEqual(expect.any(String));
    expect(JSON.stringify(reply.body)).not.toMatch(/argon2|password/i);
  });

  it('uses the username as display name when none is given', async () => {
    const username = uniqueName();
    const reply = await call('POST', '/api/auth/register', { body: { username, password } });
    expect(reply.body.user.displayName).toBe(username);
  });

  it('refuses a username that differs from a taken one only by case', async () => {
    const username = uniqueName('Case');
    expect((await call('POST', '/api/auth/register', { body: { username, password } })).status).toBe(201);
    const again = await call('POST', '/api/auth/register', { body: { username: username.toUpperCase(), password } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
  });

  it('lists every invalid field in the error details and creates nothing', async () => {
    const reply = await call('POST', '/api/auth/register', { body: { username: 'a b', password: 'short' } });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_failed');
    const paths = reply.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['password', 'username']);
    // Sign-in applies the same username pattern: a name no account can have is malformed input.
    const signIn = await call('POST', '/api/auth/token', { body: { username: 'a b', password: 'short' } });
    expect(signIn.status).toBe(400);
    expect(signIn.body.error.details.map((d: { path: string }) => d.path)).toEqual(['username']);
  });
});

describe('script sign-in and logout', () => {
  it('gives the same 401 for an unknown username and a wrong password', async () => {
    const user = await newUser();
    const wrong = await call('POST', '/api/auth/token', { body: { username: user.username, password: 'not the password' } });
    const unknown = await call('POST', '/api/auth/token', { body: { username: uniqueName('ghost'), password: 'not the password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('signs in case-insensitively and returns a token with its expiry', async () => {
    const user = await newUser();
    const reply = await call('POST', '/api/auth/token', { body: { username: user.username.toUpperCase(), password: user.password } });
    expect(reply.status).toBe(200);
    expect(reply.body.token).toMatch(/^chs_/);
    expect(new Date(reply.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
    expect(reply.body.user.id).toBe(user.id);
  });

  it('revokes exactly the token that logs out, at once', async () => {
    const user = await newUser();
    const other = await signInToken(user.username, user.password);
    expect((await call('POST', '/api/auth/logout', { token: user.token })).status).toBe(204);
    expect((await call('GET', '/api/users/me', { token: user.token })).status).toBe(401);
    expect((await call('GET', '/api/users/me', { token: other })).status).toBe(200);
  });

  it('refuses requests with no credentials or a made-up token', async () => {
    expect((await call('GET', '/api/users/me')).body.error.code).toBe('unauthenticated');
    expect((await call('GET', '/api/users/me', { token: 'chs_made-up' })).status).toBe(401);
    expect((await call('GET', '/api/users/me', { token: 'garbage' })).status).toBe(401);
  });
});

describe('profile', () => {
  it('edits display name and bio, and shows them to others', async () => {
    const user = await newUser();
    const viewer = await newUser();
    const patch = await call('PATCH', '/api/users/me', {
      token: user.token,
      body: { displayName: '  Grace Hopper ', bio: 'Compilers.', avatarUrl: null },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.user).toMatchObject({ displayName: 'Grace Hopper', bio: 'Compilers.', avatarUrl: null });
    const seen = await call('GET', `/api/users/${user.id}`, { token: viewer.token });
    expect(seen.body.user).toMatchObject({ displayName: 'Grace Hopper', bio: 'Compilers.' });
    expect(seen.body.user).not.toHaveProperty('updatedAt');
  });

  it('refuses an invalid profile change and keeps the old values', async () => {
    const user = await newUser({ displayName: 'Before' });
    const reply = await call('PATCH', '/api/users/me', {
      token: user.token,
      body: { displayName: 'After', bio: 'x'.repeat(501), avatarUrl: 'javascript:alert(1)' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['avatarUrl', 'bio']);
    expect((await call('GET', '/api/users/me', { token: user.token })).body.user.displayName).toBe('Before');
  });

  it('refuses unknown fields rather than ignoring a typo', async () => {
    const user = await newUser();
    const reply = await call('PATCH', '/api/users/me', { token: user.token, body: { display_name: 'x' } });
    expect(reply.status).toBe(400);
  });
});

describe('password change', () => {
  it('requires the current password, then revokes every other session but the current one', async () => {
    const user = await newUser();
    const otherSession = await signInToken(user.username, user.password);
    const wrong = await call('PUT', '/api/users/me/password', { token: user.token, body: { currentPassword: 'nope-nope', newPassword: 'a brand new secret' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.details[0].path).toBe('currentPassword');
    expect((await call('GET', '/api/users/me', { token: otherSession })).status).toBe(200);

    const ok = await call('PUT', '/api/users/me/password', { token: user.token, body: { currentPassword: user.password, newPassword: 'a brand new secret' } });
    expect(ok.status).toBe(204);
    expect((await call('GET', '/api/users/me', { token: otherSession })).status).toBe(401);
    expect((await call('GET', '/api/users/me', { token: user.token })).status).toBe(200);
    expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: user.password } })).status).toBe(401);
    expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: 'a brand new secret' } })).status).toBe(200);
  });
});

describe('account deletion', () => {
  it('needs the password, then removes sessions and tokens and frees the username', async () => {
    const user = await newUser();
    const pat = await newPersonalToken(user);
    const refused = await call('DELETE', '/api/users/me', { token: user.token, body: { password: 'wrong password' } });
    expect(refused.status).toBe(400);
    expect((await call('GET', '/api/users/me', { token: user.token })).status).toBe(200);

    expect((await call('DELETE', '/api/users/me', { token: user.token, body: { password: user.password } })).status).toBe(204);
    expect((await call('GET', '/api/users/me', { token: user.token })).status).toBe(401);
    expect((await call('GET', '/api/users/me', { token: pat.token })).status).toBe(401);
    expect((await call('POST', '/api/auth/token', { body: { username: user.username, password: user.password } })).status).toBe(401);
    const viewer = await newUser();
    expect((await call('GET', `/api/users/${user.id}`, { token: viewer.token })).status).toBe(404);
    const again = await call('POST', '/api/auth/register', { body: { username: user.username, password } });
    expect(again.status).toBe(201);
    expect(again.body.user.id).not.toBe(user.id);
  });

  it('leaves a direct conversation with them readable and read-only: a send is 403 and stores nothing; a group goes on', async () => {
    const [leaving, stays, third] = [await newUser(), await newUser(), await newUser()];
    const id = await direct(stays, leaving);
    await send(leaving, id, 'goodbye');
    const team = (await call('POST', '/api/conversations', { token: stays.token, body: { type: 'group', title: 'Team', memberIds: [leaving.id, third.id] } }))
      .body.conversation.id;
    expect((await call('DELETE', '/api/users/me', { token: leaving.token, body: { password: leaving.password } })).status).toBe(204);
    const refused = await call('POST', `/api/conversations/${id}/messages`, { token: stays.token, body: { body: 'are you there?' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'forbidden', message: expect.stringContaining('deleted their account') });
    const socket = await connect({ token: stays.token });
    const viaSocket = await ack(socket, 'message:send', { conversationId: id, body: 'hello?', clientId: 'after-deletion' });
    expect(viaSocket).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const history = await call('GET', `/api/conversations/${id}/messages`, { token: stays.token });
    expect(history.body.items.map((m: { body: string; sender: unknown }) => [m.body, m.sender])).toEqual([['goodbye', null]]);
    expect((await call('GET', `/api/conversations/${id}`, { token: stays.token })).body.conversation.lastSeq).toBe(1);
    expect((await call('POST', `/api/conversations/${team}/messages`, { token: stays.token, body: { body: 'still here' } })).status).toBe(201);
    closeAll();
  });
});

describe('text that hides or reorders what others read', () => {
  const hostile = ['Admin\u202Egnp.exe', '\u3164', 'ad\u200Bmin', '\u2066Admin\u2069', 'Admin\u0007'];

  it.each(hostile)('refuses %j as a display name, at registration and in a profile edit, with 400 on displayName', async (displayName) => {
    const registered = await call('POST', '/api/auth/register', { body: { username: uniqueName(), password, displayName } });
    expect(registered.status).toBe(400);
    expect(registered.body.error.details.map((d: { path: string }) => d.path)).toEqual(['displayName']);
    const user = await newUser({ displayName: 'Plain Name' });
    const edited = await call('PATCH', '/api/users/me', { token: user.token, body: { displayName } });
    expect(edited.status).toBe(400);
    expect(edited.body.error.details.map((d: { path: string }) => d.path)).toEqual(['displayName']);
    expect((await call('GET', '/api/users/me', { token: user.token })).body.user.displayName).toBe('Plain Name');
  });

  it('refuses such a message body, group title or bio, and a body with nothing visible', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    for (const body of ['\u202Ehello', '\u200B', '\u3164\u3164', ' \n '])
      expect((await call('POST', `/api/conversations/${id}/messages`, { token: a.token, body: { body } })).status).toBe(400);
    const title = await call('POST', '/api/conversations', { token: a.token, body: { type: 'group', title: 'Team\u202E', memberIds: [b.id] } });
    expect(title.status).toBe(400);
    expect((await call('PATCH', '/api/users/me', { token: a.token, body: { bio: 'hi\u2067there' } })).status).toBe(400);
    expect((await call('GET', `/api/conversations/${id}/messages`, { token: a.token })).body.items).toEqual([]);
  });

  it('stores names in their plain form (NFKC): full-width letters become the letters they look like', async () => {
    const user = await newUser({ displayName: 'ＡＤＡ' });
    expect((await call('GET', '/api/users/me', { token: user.token })).body.user.displayName).toBe('ADA');
  });
});
