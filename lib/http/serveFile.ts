// A stored file as an HTTP response: ETag and 304, one byte range (206, or 416 when it cannot be
// satisfied), and the headers that keep a hostile file harmless: nosniff, a sandbox CSP (a page
// opened from it runs no script and has no origin), and inline only for what a browser shows
// safely — everything else is a download, its name RFC 6266-encoded.
import { create as contentDisposition } from 'content-disposition';
import { Readable } from 'node:stream';
import { errors } from '@/lib/errors';
import type { FileToServe } from '@/lib/files/service';
import { servedInline } from '@/lib/files/sniff';
import { FILE_CSP } from './securityHeaders';

type Range = { start: number; end: number };

/** One range of `bytes=a-b`, `bytes=a-` or `bytes=-n`; undefined to serve it whole (absent, malformed, or several ranges); null when unsatisfiable. */
export function parseRange(header: string | null, size: number): Range | null | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return null;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return null;
  return { start, end };
}

const matches = (ifNoneMatch: string | null, etag: string) =>
  ifNoneMatch !== null && ifNoneMatch.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}` || t.trim() === '*');

export async function fileResponse(req: Request, file: FileToServe, cacheControl = 'private, max-age=0, must-revalidate'): Promise<Response> {
  const headers = new Headers({
    'Content-Type': file.contentType.startsWith('text/') ? `${file.contentType}; charset=utf-8` : file.contentType,
    'Content-Disposition': contentDisposition(file.name, { type: servedInline(file.contentType, file.decodedImage) ? 'inline' : 'attachment' }),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': FILE_CSP,
    'Cache-Control': cacheControl,
    'Cross-Origin-Resource-Policy': 'same-origin',
    ETag: file.etag,
    'Accept-Ranges': 'bytes',
  });
  if (matches(req.headers.get('if-none-match'), file.etag)) return new Response(null, { status: 304, headers });
  // An empty file has no byte to give a range of: it is served whole.
  const wanted = file.size === null || file.size === 0 ? undefined : parseRange(req.headers.get('range'), file.size);
  // If-Range with another validator: the client's copy is stale, so it gets the whole file.
  const ifRange = req.headers.get('if-range');
  const range = ifRange !== null && ifRange !== file.etag ? undefined : wanted;
  if (range === null) {
    headers.set('Content-Range', `bytes */${file.size}`);
    return new Response(null, { status: 416, headers });
  }
  const object = await file.open(range);
  if (!object) throw errors.notFound('attachment');
  const body = req.method === 'HEAD' ? null : (Readable.toWeb(object.body) as ReadableStream<Uint8Array>);
  if (req.method === 'HEAD') object.body.destroy();
  if (range) {
    headers.set('Content-Range', `bytes ${range.start}-${range.end}/${object.size}`);
    headers.set('Content-Length', String(range.end - range.start + 1));
    return new Response(body, { status: 206, headers });
  }
  headers.set('Content-Length', String(object.size));
  return new Response(body, { status: 200, headers });
}
