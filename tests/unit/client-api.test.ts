import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError } from '@/lib/client/api';

afterEach(() => vi.unstubAllGlobals());

function respondWith(body: () => Promise<unknown>, status = 200) {
  vi.stubGlobal('fetch', async () => ({ ok: status < 400, status, headers: new Headers(), json: body }) as unknown as Response);
}

describe('the browser API helper', () => {
  it('passes on an abort that lands while the body is being read, instead of answering null', async () => {
    respondWith(() => Promise.reject(new DOMException('The operation was aborted.', 'AbortError')));
    await expect(api('/api/users')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('refuses a successful answer whose body is not JSON', async () => {
    respondWith(() => Promise.reject(new SyntaxError('Unexpected token')));
    await expect(api('/api/users')).rejects.toBeInstanceOf(ApiError);
  });

  it('turns the error envelope into an ApiError with the fields', async () => {
    respondWith(
      async () => ({ error: { code: 'validation_failed', message: 'The body is not valid.', details: [{ path: 'bio', message: 'Too long.' }] } }),
      400,
    );
    await expect(api('/api/users/me', { method: 'PATCH', body: {} })).rejects.toMatchObject({ code: 'validation_failed', fields: { bio: 'Too long.' } });
  });
});
