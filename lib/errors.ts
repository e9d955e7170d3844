// The one error type of the service layer; REST and socket acks each turn it into the envelope in one place.
import type { ZodError } from 'zod';

export type ErrorCode =
  | 'invalid_json'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

const statusOf: Record<ErrorCode, number> = {
  invalid_json: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export type FieldIssue = { path: string; message: string };

const brand = Symbol.for('chat.AppError');

export class AppError extends Error {
  readonly [brand] = true;
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds to wait, for rate_limited. */
    readonly retryAfter?: number,
    /** Extra response headers (Allow, RateLimit-*). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = statusOf[code];
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** Checked by brand, not instanceof: server.ts and the Next bundle each hold a copy of this class. */
export function isAppError(error: unknown): error is AppError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[brand] === true;
}

export function fieldIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

export const errors = {
  validation: (error: ZodError, what = 'request') => new AppError('validation_failed', `The ${what} is not valid.`, fieldIssues(error)),
  unauthenticated: () => new AppError('unauthenticated', 'Sign in, or send a valid bearer token.'),
  forbidden: (message = 'You are not allowed to do that.') => new AppError('forbidden', message),
  notFound: (what = 'resource') => new AppError('not_found', `No such ${what}.`),
  conflict: (message: string) => new AppError('conflict', message),
  badCursor: () => new AppError('validation_failed', 'The cursor is not valid.', [{ path: 'cursor', message: 'Invalid cursor.' }]),
};

/** True when the error (or its cause, as Drizzle wraps driver errors) carries this SQLSTATE. */
export function hasSqlState(error: unknown, code: string): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) if (e.code === code) return true;
  return false;
}

/** True when the error (or its cause, as Drizzle wraps driver errors) is a Postgres unique violation. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e = error as { code?: string; constraint_name?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return !constraint || e.constraint_name === constraint || e.constraint === constraint;
  }
  return false;
}

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08006',
]);

/** True when the error (or its cause) says the database cannot be reached, not that the query was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === 'string' && unavailableCodes.has(e.code)) return true;
  }
  return false;
}

/** Known failures as the AppError a client should see; anything else stays as it is. */
export function asAppError(error: unknown): unknown {
  if (isAppError(error)) return error;
  if (isDatabaseUnavailable(error)) return new AppError('unavailable', 'The service is briefly unavailable. Try again in a moment.', undefined, 1);
  return error;
}
