// A small HTTP client for the integration suite: JSON requests to the real server.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { checkResponse } from './contract';

export function baseUrl(): string {
  return inject('baseUrl');
}

/** `bytes` holds the body as sent when it is not JSON (a file). */
export type Reply<T = any> = { status: number; body: T; headers: Headers; bytes: Buffer };

export type RequestOptions = {
  token?: string;
  cookie?: string;
  body?: unknown;
  /** A body sent as is: text, bytes, or a FormData (multipart). */
  rawBody?: string | Buffer | Uint8Array | FormData | Blob;
  headers?: Record<string, string>;
  /** The client IP the server should see (the test server trusts one proxy hop: this X-Forwarded-For entry). */
  ip?: string;
};

export async function call<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<Reply<T>> {
  const headers: Record<string, string> = { 'x-forwarded-for': options.ip ?? randomIp(), ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | Buffer | Uint8Array | FormData | Blob | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(baseUrl() + path, { method, headers, body: body as BodyInit | undefined, redirect: 'manual' });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const text = /json|^text\//.test(type) || type === '' ? bytes.toString('utf8') : '';
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text, so a test can say what came back
  }
  // Every response must be what the OpenAPI document says it is.
  await checkResponse(baseUrl(), method, path, response.status, /json/.test(type) || (type === '' && bytes.length > 0) ? parsed : null, type || undefined);
  return { status: response.status, body: parsed as T, headers: response.headers, bytes };
}

export function randomIp(): string {
  const b = randomBytes(3);
  return `10.${b[0]}.${b[1]}.${b[2]}`;
}

export function uniqueName(prefix = 'user'): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

export type TestUser = { id: string; username: string; password: string; token: string; displayName: string };

/** Registers a new person and signs them in as a script would. */
export async function newUser(overrides: { username?: string; displayName?: string; password?: string } = {}): Promise<TestUser> {
  const username = overrides.username ?? uniqueName();
  const password = overrides.password ?? 'correct horse battery';
  const displayName = overrides.displayName ?? `Test ${username}`;
  const registered = await call('POST', '/api/auth/register', { body: { username, password, displayName } });
  if (registered.status !== 201) throw new Error(`register failed: ${registered.status} ${JSON.stringify(registered.body)}`);
  const token = await signInToken(username, password);
  return { id: registered.body.user.id, username, password, token, displayName };
}

export async function signInToken(username: string, password: string): Promise<string> {
  const reply = await call('POST', '/api/auth/token', { body: { username, password } });
  if (reply.status !== 200) throw new Error(`token sign-in failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.token;
}

/** Signs in through next-auth's browser flow (CSRF token, credentials callback) and returns the Cookie header. */
export async function browserSignIn(
  username: string,
  password: string,
  ip = randomIp(),
): Promise<{ status: number; cookie: string | null; setCookie: string[] }> {
  const csrf = await fetch(baseUrl() + '/api/auth/csrf', { headers: { 'x-forwarded-for': ip } });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const response = await fetch(baseUrl() + '/api/auth/callback/credentials', {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: csrfCookie,
      'x-forwarded-for': ip,
      origin: baseUrl(),
    },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true' }),
  });
  const setCookie = response.headers.getSetCookie();
  const session = setCookie.find((c) => c.startsWith('next-auth.session-token='));
  return { status: response.status, cookie: session ? session.split(';')[0] : null, setCookie };
}

/** Creates a personal access token as `user` (which needs their password) and returns the answer's body. */
export async function newPersonalToken(user: TestUser, body: { name: string; expiresInDays?: number } = { name: 'bot' }) {
  const reply = await call('POST', '/api/tokens', { token: user.token, body: { ...body, password: user.password } });
  if (reply.status !== 201) throw new Error(`token creation failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body as { token: string; id: string; name: string; createdAt: string; expiresAt: string | null };
}
