import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyLimitFor, JSON_BODY_LIMIT, limitRequestBody, type BodyLimitException } from '@/lib/http/bodyLimit';

const uploads: BodyLimitException[] = [{ prefix: '/api/files', limit: 256 * 1024, why: 'a test upload route' }];
let server: Server;
let port: number;
const handled: { path: string; outcome: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    if (limitRequestBody(req, res, uploads)) return;
    // Like a route handler: the body is read a little later, after other work.
    setTimeout(async () => {
      try {
        let size = 0;
        for await (const chunk of req) size += (chunk as Buffer).length;
        handled.push({ path: req.url!, outcome: `read ${size}` });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ size }));
      } catch (e) {
        handled.push({ path: req.url!, outcome: `failed: ${(e as Error).message}` });
      }
    }, 10);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Sends `chunks` of `size` bytes, with a Content-Length only when `declare` is set. */
function send(path: string, chunks: number, size: number, declare = false): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: declare ? { 'content-length': chunks * size } : {} });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (d) => (text += d)).on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    let sent = 0;
    const next = () => {
      while (sent < chunks) {
        sent++;
        if (!req.write(Buffer.alloc(size, 120))) return void req.once('drain', next);
      }
      req.end();
    };
    next();
  });
}

describe('the body limit at the edge', () => {
  it('lets a body within the limit through, declared or streamed', async () => {
    expect(await send('/api/auth/callback/credentials', 16, 4096, true)).toEqual({ status: 200, body: { size: JSON_BODY_LIMIT } });
    expect(await send('/api/messages/x', 16, 4096)).toEqual({ status: 200, body: { size: JSON_BODY_LIMIT } });
  });

  it('refuses a declared Content-Length over the limit before reading the body', async () => {
    const reply = await send('/api/auth/callback/credentials', 65, 1024, true);
    expect(reply).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    expect(handled.find((h) => h.path === '/api/auth/callback/credentials' && h.outcome !== `read ${JSON_BODY_LIMIT}`)).toBeUndefined();
  });

  it('cuts off a streamed body once it passes the limit, and the reader sees a failure, never a shorter body', async () => {
    const reply = await send('/api/streamed', 400, 1024);
    expect(reply).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
    await new Promise((r) => setTimeout(r, 50));
    expect(handled.filter((h) => h.path === '/api/streamed')).toEqual([{ path: '/api/streamed', outcome: 'failed: request body over the limit' }]);
  });

  it('gives a route in the list of exceptions its own limit, at a segment boundary only', async () => {
    expect((await send('/api/files/upload', 200, 1024)).status).toBe(200);
    expect((await send('/api/files/upload', 300, 1024)).status).toBe(413);
    expect(bodyLimitFor('/api/files', uploads)).toBe(256 * 1024);
    expect(bodyLimitFor('/api/filesystem', uploads)).toBe(JSON_BODY_LIMIT);
    expect(bodyLimitFor('/api/files/%2e%2e/auth/callback/credentials', uploads)).toBe(JSON_BODY_LIMIT);
    expect(bodyLimitFor('/api/files/../auth/token', uploads)).toBe(JSON_BODY_LIMIT);
    expect(bodyLimitFor('/api/%66iles/x', uploads)).toBe(JSON_BODY_LIMIT);
  });

  it('leaves requests outside /api alone', async () => {
    expect(await send('/login', 100, 1024)).toEqual({ status: 200, body: { size: 100 * 1024 } });
  });
});
