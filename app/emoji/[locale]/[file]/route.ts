// The emoji picker's and the shortcode autocomplete's data, from this server (see lib/emoji/emojibase.ts).
import { emojiFile } from '@/lib/emoji/emojibase';

export async function GET(req: Request, { params }: { params: Promise<{ locale: string; file: string }> }) {
  const { locale, file } = await params;
  const found = emojiFile(locale, file);
  if (!found) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const { body, etag } = await found;
  // Public data that changes only with the package: cached a day, then revalidated by its ETag.
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=86400', ETag: etag };
  if (
    req.headers
      .get('if-none-match')
      ?.split(',')
      .some((t) => t.trim().replace(/^W\//, '') === etag)
  ) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { headers });
}
