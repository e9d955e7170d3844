// Requests Next cannot route sanely are answered here, in the error envelope, before Next sees
// them: an API path that does not decode (Next would answer a bare 500) or is absurdly long, and
// requests Node's parser refuses (headers or URL over its limit).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

const MAX_API_PATH = 2048;

function envelope(status: number, code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

/** Returns true when it answered the request. */
export function rejectUnroutableApiRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const url = req.url ?? '/';
  if (!url.startsWith('/api/')) return false;
  const path = url.split('?')[0];
  let decodable = true;
  try {
    for (const part of path.split('/')) decodeURIComponent(part);
  } catch {
    decodable = false;
  }
  if (decodable && path.length <= MAX_API_PATH) return false;
  res.writeHead(404, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  res.end(envelope(404, 'not_found', 'No such API endpoint or resource.'));
  return true;
}

/** Node's own refusals (a header or URL over its limit, a malformed request) as the envelope. */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  const body = tooLarge
    ? envelope(status, 'payload_too_large', 'The request headers or URL are too large.')
    : envelope(status, 'validation_failed', 'The request could not be parsed.');
  socket.end(
    `HTTP/1.1 ${status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
