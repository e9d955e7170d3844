// The browser's way to call our REST API: JSON in and out, errors as ApiError with field details.
import 'client-only';

export type FieldErrors = Record<string, string>;

/** The error envelope, as far as this helper reads it; anything may be missing from a broken answer. */
type ErrorBody = { error?: { code?: string; message?: string; details?: unknown } } | null;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export async function api<T = unknown>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Could not reach the server. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as T;
  let data: unknown = null;
  try {
    data = await response.json();
  } catch (e) {
    // Aborted while the body was still arriving: the caller asked for that, so it is not an answer.
    if ((e as Error).name === 'AbortError') throw e;
  }
  if (!response.ok) {
    const error = (data as ErrorBody)?.error ?? {};
    const fields: FieldErrors = {};
    if (Array.isArray(error.details)) {
      for (const d of error.details as { path?: string; message?: unknown }[]) if (d?.path && !fields[d.path]) fields[d.path] = String(d.message);
    }
    if (response.status === 401 && typeof window !== 'undefined' && !path.startsWith('/api/auth/')) {
      window.location.assign(`/login?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
    }
    const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
    throw new ApiError(response.status, error.code ?? 'internal', error.message ?? 'Something went wrong.', fields, retryAfter);
  }
  if (data === null) throw new ApiError(response.status, 'internal', 'The server sent an answer that could not be read.');
  return data as T;
}
