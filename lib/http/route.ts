// The one wrapper of every REST route handler: authenticate, check the origin of cookie writes,
// parse the body and query with zod, call the handler, and turn any error into the envelope.
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { authenticate, type Actor } from '@/lib/auth/actor';
import { AppError, asAppError, errors, isAppError } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { consume, limitHeaders, type LimitName } from '@/lib/rateLimit';
import { id } from '@/lib/schemas/common';
import { emoji } from '@/lib/schemas/conversations';
import { JSON_BODY_LIMIT } from './bodyLimit';
import { clientIpOf } from './stamp';
import { isSameOriginRequest } from './origin';

type Params = Record<string, string | string[]>;

export type RouteContext<A extends boolean, B, Q> = {
  req: NextRequest;
  actor: A extends false ? Actor | null : Actor;
  body: B;
  query: Q;
  params: Params;
  ip: string;
};

type Options<A extends boolean, B, Q> = {
  /** Whether a session or token is required (default true). */
  auth?: A;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  /**
   * The rate limit this route counts against, keyed by the caller (default: the user, else the
   * client IP). Authenticated writes count against "write" unless they name another.
   */
  limit?: { name: LimitName; key?: (ctx: { body: B; ip: string; actor: Actor | null }) => string };
};

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function apiRoute<A extends boolean = true, B = undefined, Q = undefined>(
  options: Options<A, B, Q>,
  handler: (ctx: RouteContext<A, B, Q>) => Promise<Response>,
) {
  return async (req: NextRequest, context: { params: Promise<Params> }): Promise<Response> => {
    try {
      const actor = await authenticate(req.headers);
      if (options.auth !== false && !actor) throw errors.unauthenticated();
      if (actor?.via === 'cookie' && !safeMethods.has(req.method) && !isSameOriginRequest(req.headers)) {
        throw errors.forbidden('Cross-origin requests with a session cookie are not allowed.');
      }
      const body = options.body ? parse(options.body, await readJson(req), 'body') : (undefined as B);
      const query = options.query ? parse(options.query, Object.fromEntries(req.nextUrl.searchParams), 'query') : (undefined as Q);
      const params = (await context.params) ?? {};
      const ip = clientIpOf(req.headers);
      const limit = options.limit ?? (actor && !safeMethods.has(req.method) ? { name: 'write' as const } : undefined);
      const limited = limit ? await consume(limit.name, limit.key ? limit.key({ body, ip, actor }) : (actor?.userId ?? ip)) : null;
      const response = await handler({ req, actor: actor as RouteContext<A, B, Q>['actor'], body, query, params, ip });
      if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
      if (limited) for (const [name, value] of Object.entries(limitHeaders(limited))) response.headers.set(name, value);
      return response;
    } catch (error) {
      return errorResponse(error, req);
    }
  };
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw errors.validation(result.error, what);
  return result.data;
}

async function readJson(req: NextRequest): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError('unsupported_media_type', 'Send the body as application/json.');
  }
  if (Number(req.headers.get('content-length') ?? 0) > JSON_BODY_LIMIT) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > JSON_BODY_LIMIT) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The body is not valid JSON.');
  }
}

function tooLarge() {
  return new AppError('payload_too_large', `The body is larger than ${JSON_BODY_LIMIT / 1024} KiB.`);
}

export function errorResponse(caught: unknown, req?: Request): Response {
  const error = asAppError(caught);
  if (isAppError(error)) {
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', ...error.headers };
    if (error.retryAfter !== undefined) headers['Retry-After'] = String(error.retryAfter);
    return Response.json(error.toJSON(), { status: error.status, headers });
  }
  log.error('request failed', {
    method: req?.method,
    path: req ? new URL(req.url).pathname : undefined,
    error: describeError(error),
  });
  return Response.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, { status: 500 });
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}

export function noContent(): Response {
  return new Response(null, { status: 204 });
}

/** A path id; one that is not even well-formed names nothing, so it is a 404 like any unknown id. */
export function pathId(params: Params, name: string, what: string): string {
  const value = params[name];
  if (typeof value !== 'string' || !id.safeParse(value).success) throw errors.notFound(what);
  return value;
}

/** An emoji in the path (percent-encoded UTF-8): exactly one, else 400 like a bad body field. */
export function pathEmoji(params: Params, name = 'emoji'): string {
  const raw = params[name];
  let value: string | undefined;
  try {
    value = typeof raw === 'string' && raw.includes('%') ? decodeURIComponent(raw) : (raw as string | undefined);
  } catch {
    value = undefined;
  }
  const parsed = emoji.safeParse(value);
  if (!parsed.success) throw new AppError('validation_failed', 'Use exactly one emoji.', [{ path: name, message: 'Use exactly one emoji.' }]);
  return parsed.data;
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof methods)[number];
type Handler = ReturnType<typeof apiRoute>;

/**
 * A route's handlers by method. The methods it lacks answer 405 in the error envelope with an
 * Allow header (Next would answer an empty 405 without one).
 */
export function endpoint(handlers: Partial<Record<Method, Handler>>): Record<Method, Handler> {
  const allow = [...Object.keys(handlers), ...(handlers.GET ? ['HEAD'] : []), 'OPTIONS'].join(', ');
  const notAllowed: Handler = async () =>
    errorResponse(new AppError('method_not_allowed', `This endpoint answers ${allow}.`, undefined, undefined, { Allow: allow }));
  return Object.fromEntries(methods.map((m) => [m, handlers[m] ?? notAllowed])) as Record<Method, Handler>;
}
