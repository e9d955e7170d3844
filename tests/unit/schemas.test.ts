import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '@/lib/schemas/common';
import { registerInput, updateProfileInput, username } from '@/lib/schemas/users';
import { describeError } from '@/lib/log';

describe('usernames', () => {
  it.each(['abc', 'a.b-c_d', 'X'.repeat(32), 'User99'])('accepts %s', (name) => {
    expect(username.safeParse(name).success).toBe(true);
  });

  it.each(['ab', 'X'.repeat(33), 'has space', 'émile', 'semi;colon', ''])('refuses %j', (name) => {
    expect(username.safeParse(name).success).toBe(false);
  });
});

describe('registration input', () => {
  it('bounds the password to 8–256 characters', () => {
    expect(registerInput.safeParse({ username: 'abc', password: '1234567' }).success).toBe(false);
    expect(registerInput.safeParse({ username: 'abc', password: '12345678' }).success).toBe(true);
    expect(registerInput.safeParse({ username: 'abc', password: 'x'.repeat(257) }).success).toBe(false);
  });
});

describe('profile input', () => {
  it('accepts only http(s) avatar URLs, or null to clear', () => {
    expect(updateProfileInput.safeParse({ avatarUrl: 'https://example.com/a.png' }).success).toBe(true);
    expect(updateProfileInput.safeParse({ avatarUrl: null }).success).toBe(true);
    expect(updateProfileInput.safeParse({ avatarUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(updateProfileInput.safeParse({ avatarUrl: 'data:image/png;base64,xx' }).success).toBe(false);
  });

  it('refuses a display name of only white space', () => {
    expect(updateProfileInput.safeParse({ displayName: '   ' }).success).toBe(false);
  });
});

describe('cursors', () => {
  it('round-trip, and anything else decodes to null', () => {
    expect(decodeCursor(encodeCursor(['bob', 3]))).toEqual(['bob', 3]);
    expect(decodeCursor('not base64 json')).toBeNull();
    expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
  });
});

describe('logged errors', () => {
  it('never carry the query parameters Drizzle puts in its messages', () => {
    const error = new Error('Failed query: insert into users values ($1)\nparams: alice,$argon2id$v=19$secret');
    const described = JSON.stringify(describeError(error));
    expect(described).not.toContain('argon2id');
    expect(described).toContain('Failed query');
  });
});

describe('text from clients', () => {
  it('refuses NUL characters, which PostgreSQL cannot store, with a clear message', async () => {
    const { messageBody } = await import('@/lib/schemas/conversations');
    const { searchUsersQuery, bio } = await import('@/lib/schemas/users');
    for (const [schema, value] of [
      [messageBody, 'a\u0000b'],
      [bio, '\u0000'],
      [searchUsersQuery, { q: '%00\u0000' }],
    ] as const) {
      const result = (schema as { safeParse: (v: unknown) => { success: boolean; error?: { issues: { message: string }[] } } }).safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error!.issues[0].message).toBe('NUL characters are not allowed.');
    }
  });
});
