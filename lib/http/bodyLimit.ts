// The one limit on request bodies, enforced at the HTTP edge before any route (ours or
// next-auth's, which reads whole bodies before any check of its own) sees a byte: a declared
// Content-Length over it is refused at once, and a body streamed without one is counted as it
// arrives and cut off when it passes the limit. Both answer 413 in the error envelope.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUnder, routePath } from './routePath';

export const JSON_BODY_LIMIT = 64 * 1024;

/** `reported`: the limit the 413 names in `details.limit` (a file's own, without what multipart adds). */
export type BodyLimitException = { prefix: string; limit: number; why: string; reported?: number };

/** The largest avatar image `PUT /api/users/me/avatar` takes. */
export const AVATAR_BYTES = 5 * 1024 * 1024;
/** What a multipart body may add around its file: boundaries and part headers. */
const MULTIPART_SLACK = 64 * 1024;

/**
 * Routes allowed a different limit, by path prefix (at a segment boundary): the two that take a
 * file. Each also counts the file's own bytes as they stream and answers its own 413 (with the
 * limit in `details`) first; this only bounds what a multipart body adds around the file.
 */
export function bodyLimitExceptions(maxUploadBytes: number): BodyLimitException[] {
  return [
    { prefix: '/api/uploads', limit: maxUploadBytes + MULTIPART_SLACK, why: 'uploads stream to storage', reported: maxUploadBytes },
    { prefix: '/api/users/me/avatar', limit: AVATAR_BYTES + MULTIPART_SLACK, why: 'an avatar image', reported: AVATAR_BYTES },
  ];
}

/** The limit for a request to `url`: an exception's only when the path is under its prefix both as sent and as decoded. */
export function bodyLimitFor(url: string | undefined, exceptions: readonly BodyLimitException[]): number {
  return exceptionFor(url, exceptions)?.limit ?? JSON_BODY_LIMIT;
}

function exceptionFor(url: string | undefined, exceptions: readonly BodyLimitException[]): BodyLimitException | undefined {
  const decoded = routePath(url);
  const raw = new URL(url ?? '/', 'http://x').pathname;
  return decoded === null ? undefined : exceptions.find((e) => isUnder(decoded, e.prefix) && isUnder(raw, e.prefix));
}

/** After a 413, the rest of a streamed body is read and dropped for at most this long and this much. */
const LINGER_MS = 2000;
const LINGER_BYTES = 1024 * 1024;

/** The 413; the connection closes after it, as the rest of the body is never read. */
function refuse(res: ServerResponse, limit: number, reported?: number): void {
  if (res.headersSent) return;
  const shown = reported ?? limit;
  const size = shown >= 1024 * 1024 ? `${+(shown / (1024 * 1024)).toFixed(1)} MiB` : `${Math.floor(shown / 1024)} KiB`;
  const body = JSON.stringify({
    error: {
      code: 'payload_too_large',
      message: `The ${reported ? 'file' : 'body'} is larger than ${size}.`,
      ...(reported ? { details: { limit: reported } } : {}),
    },
  });
  res.writeHead(413, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', Connection: 'close' });
  res.end(body);
}

/**
 * Applies the limit to a request under /api. Returns true when it answered: a Content-Length
 * over the limit, refused before a byte of the body is read. A body of unknown length is counted
 * as it arrives; past the limit it is answered 413, and the reader never gets the rest (nor an
 * end it could mistake for a whole body: the connection is closed under it).
 */
export function limitRequestBody(req: IncomingMessage, res: ServerResponse, exceptions: readonly BodyLimitException[]): boolean {
  if (!req.url?.startsWith('/api/')) return false;
  const exception = exceptionFor(req.url, exceptions);
  const limit = exception?.limit ?? JSON_BODY_LIMIT;
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) {
    refuse(res, limit, exception?.reported);
    return true;
  }
  // Node's parser hands each chunk of the body to push(): counting there sees every byte before
  // any reader does, however late it starts reading.
  let seen = 0;
  let linger: NodeJS.Timeout | undefined;
  // The reader's stream fails (as if the client had gone), and the connection closes.
  const cut = () => {
    clearTimeout(linger);
    if (!req.destroyed) req.destroy(Object.assign(new Error('request body over the limit'), { code: 'ECONNRESET' }));
    req.socket.destroy();
  };
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (seen > limit) {
      // Dropping what follows lets the client finish sending and read the 413, rather than be
      // reset mid-upload; once it is done (or sends too much, or too slowly) the connection goes.
      seen += chunk === null ? 0 : byteLength(chunk, encoding);
      if (chunk === null || seen > limit + LINGER_BYTES) cut();
      return true;
    }
    if (chunk === null) return push(null);
    seen += byteLength(chunk, encoding);
    if (seen <= limit) return push(chunk, encoding);
    // Node closes a `Connection: close` socket as soon as the answer is out, which resets a
    // client still sending before it reads the answer: only our side is closed here, and cut()
    // closes the rest.
    req.socket.destroySoon = () => req.socket.end();
    refuse(res, limit, exception?.reported);
    linger = setTimeout(cut, LINGER_MS).unref();
    req.socket.once('close', cut);
    return true;
  };
  return false;
}

const byteLength = (chunk: unknown, encoding?: BufferEncoding) => (Buffer.isBuffer(chunk) ? chunk.length : Buffer.byteLength(String(chunk), encoding));
