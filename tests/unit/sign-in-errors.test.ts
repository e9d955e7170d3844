import { beforeEach, describe, expect, it, vi } from 'vitest';
import { signInErrorMessage, signInErrors } from '@/lib/auth/signInErrors';
import { AppError } from '@/lib/errors';
import { useTestConfig } from './test-config';

const checkCredentials = vi.fn();
vi.mock('@/lib/users/service', () => ({
  checkCredentials: (...args: unknown[]) => checkCredentials(...args),
  signInLimitKey: (u: string, ip: string) => `${u}|${ip}`,
}));
vi.mock('@/lib/auth/sessions', () => ({ SESSION_DAYS: 30, createBrowserSession: async () => ({ id: 'session-1' }), revokeSession: async () => {} }));

const { authOptions } = await import('@/lib/auth/nextAuth');

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize = () => (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const signIn = () => authorize()({ username: 'ada', password: 'correct horse' }, { headers: { 'x-chat-client-ip': '192.0.2.1' } });

/** A driver's error as postgres.js throws it: its text names the host and port. */
const driverError = (code: string) => Object.assign(new Error(`connect ${code} 10.20.30.40:5432`), { code });

let logged: string[];
beforeEach(() => {
  useTestConfig({ LOG_LEVEL: 'warn' });
  logged = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((line) => (logged.push(String(line)), true));
});

describe('browser sign-in errors', () => {
  it('sign in with the right password', async () => {
    checkCredentials.mockResolvedValueOnce({ id: 'u1', displayName: 'Ada' });
    await expect(signIn()).resolves.toEqual({ id: 'u1', name: 'Ada', sessionId: 'session-1' });
  });

  it('answer a wrong password with no error text (next-auth says CredentialsSignin)', async () => {
    checkCredentials.mockRejectedValueOnce(new AppError('unauthenticated', 'Wrong username or password.'));
    await expect(signIn()).resolves.toBeNull();
  });

  it('turn a database outage into the fixed code "unavailable", logged, never the driver’s text', async () => {
    checkCredentials.mockRejectedValueOnce(driverError('ECONNREFUSED'));
    const error = (await signIn().catch((e) => e)) as Error;
    expect(error.message).toBe(signInErrors.unavailable);
    expect(signInErrorMessage(error.message)).toMatch(/try again shortly/i);
    expect(logged.join('')).toContain('browser sign-in unavailable');
  });

  it('turn anything unexpected into the fixed code "internal", and log it without the password', async () => {
    checkCredentials.mockRejectedValueOnce(new Error('relation "users" does not exist at db.internal:5432'));
    const error = (await signIn().catch((e) => e)) as Error;
    expect(error.message).toBe(signInErrors.internal);
    const log = logged.join('');
    expect(log).toContain('browser sign-in failed');
    expect(log).toContain('relation \\"users\\" does not exist');
    expect(log).not.toContain('correct horse');
  });

  it('pass a refusal by a rate limit on with its wait', async () => {
    checkCredentials.mockRejectedValueOnce(new AppError('rate_limited', 'Too many requests.', undefined, 42));
    await expect(signIn()).rejects.toThrow(`${signInErrors.rateLimitedPrefix}42`);
  });
});
