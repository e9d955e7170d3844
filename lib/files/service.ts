// Attachments: an upload streams to storage, is sniffed, and (an image) measured, stripped of its
// metadata and thumbnailed; only then does its row appear, so nothing half-written is ever
// visible. Its uploader alone may see it until a message claims it (lib/messages/statements.ts);
// then the members of that message's conversation, and nobody once the message is deleted.
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { query } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getConfig } from '@/lib/config';
import { AppError, errors } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import type { Attachment } from '@/lib/schemas/responses';
import { IMAGE_BUFFER_LIMIT, IMAGE_TYPES, processImage } from './images';
import { incomingFile, Meter, metered, tooLarge } from './intake';
import { sanitiseFileName } from './names';
import { looksLikeImage, sniffContentType } from './sniff';
import { fileKey, storage, thumbnailKey } from './storage';

/** An attachment's columns as the read model's JSON carries them (see `attachmentsJson`). */
export type AttachmentJson = {
  id: string;
  name: string;
  contentType: string;
  size: number;
  width: number | null;
  height: number | null;
  thumbnail: boolean;
};

/** The JSON array of the attachments in `from` (a FROM clause whose rows are aliased `a`), in their order. */
export const attachmentsJson = (from: string) => `(select coalesce(json_agg(json_build_object(
  'id', a.id, 'name', a.name, 'contentType', a.content_type, 'size', a.size, 'width', a.width, 'height', a.height,
  'thumbnail', a.thumbnail_key is not null) order by a.position), '[]') from ${from})`;

export function toAttachment(a: AttachmentJson): Attachment {
  return {
    id: a.id,
    name: a.name,
    contentType: a.contentType,
    size: Number(a.size),
    width: a.width,
    height: a.height,
    url: `/api/attachments/${a.id}`,
    thumbnailUrl: a.thumbnail ? `/api/attachments/${a.id}/thumbnail` : null,
  };
}

/** Uploads not yet sent may add up to this many times the upload limit, per person. */
export const UNSENT_QUOTA_FILES = 20;

/** Refuses an upload while the caller's files not yet sent already fill their quota. */
async function checkQuota(actor: Actor, limit: number): Promise<void> {
  const [row] = await query<{ bytes: number }>(
    `select coalesce(sum(size), 0)::float8 as bytes from attachments where uploader_id = $1::uuid and attached_at is null`,
    [actor.userId],
  );
  const quota = UNSENT_QUOTA_FILES * limit;
  if (Number(row.bytes) >= quota) {
    throw new AppError('rate_limited', 'Your files not yet sent fill your space: send them, or wait a day for them to expire.', undefined, 3600);
  }
}

/** Streams one upload to storage and records it; 413 past the limit, 400 for a malformed body. */
export async function uploadFile(actor: Actor, req: Request): Promise<Attachment> {
  const limit = getConfig().files.maxUploadBytes;
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (!/^multipart\//i.test(req.headers.get('content-type') ?? '') && declared > limit) {
    throw tooLarge(limit);
  }
  await checkQuota(actor, limit);
  const file = await incomingFile(req);
  const name = sanitiseFileName(file.name);
  const id = randomUUID();
  const store = await storage();
  const meter = metered(file, new Meter(limit, Math.min(limit, IMAGE_BUFFER_LIMIT), looksLikeImage));
  const written: string[] = [];
  try {
    await store.put(fileKey(id), meter, 'application/octet-stream');
    written.push(fileKey(id));
    await file.finished;
    const contentType = await sniffContentType(meter.sniffable());
    let size = meter.bytes;
    let width: number | null = null;
    let height: number | null = null;
    let thumbnail: string | null = null;
    const whole = IMAGE_TYPES.has(contentType) ? meter.whole() : null;
    const image = whole ? await processImage(whole, contentType) : null;
    meter.release();
    let servedType = contentType;
    if (image) {
      ({ width, height } = image);
      // HEIC is re-encoded as AVIF when it is stripped (sharp writes no HEVC).
      if (image.stripped && (contentType === 'image/heic' || contentType === 'image/heif')) servedType = 'image/avif';
      if (image.stripped) size = await store.put(fileKey(id), image.stripped, servedType);
      await store.put(thumbnailKey(id), image.thumbnail, 'image/webp');
      written.push((thumbnail = thumbnailKey(id)));
    }
    await query(
      `insert into attachments (id, uploader_id, name, content_type, size, width, height, storage_key, thumbnail_key)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, actor.userId, name, servedType, size, width, height, fileKey(id), thumbnail],
    );
    return toAttachment({ id, name, contentType: servedType, size, width, height, thumbnail: thumbnail !== null });
  } catch (error) {
    meter.release();
    file.stream.destroy();
    await Promise.all(written.map((key) => store.delete(key).catch(() => {})));
    throw error;
  }
}

type Served = { storageKey: string; thumbnailKey: string | null; name: string; contentType: string; size: number; width: number | null };

/**
 * The attachment if the caller may read it: its uploader before it is sent; then the members of
 * its message's conversation while the message stands. Anyone else: 404, as if it did not exist.
 */
async function readable(actor: Actor, attachmentId: string): Promise<Served> {
  const [row] = await query<Served>(
    `select a.storage_key as "storageKey", a.thumbnail_key as "thumbnailKey", a.name, a.content_type as "contentType", a.size::float8 as size, a.width
     from attachments a left join messages m on m.id = a.message_id
     where a.id = $1::uuid and (
       (a.attached_at is null and a.uploader_id = $2::uuid)
       or (m.deleted_at is null and exists (select 1 from conversation_members cm where cm.conversation_id = m.conversation_id and cm.user_id = $2::uuid))
     )`,
    [attachmentId, actor.userId],
  );
  if (!row) throw errors.notFound('attachment');
  return row;
}

export type FileToServe = { name: string; contentType: string; decodedImage: boolean; etag: string; open: OpenRange; size: number | null };
type OpenRange = (range?: { start: number; end: number }) => Promise<{ body: Readable; size: number } | null>;

/** An attachment's bytes, or its thumbnail, for a member. */
export async function attachmentToServe(actor: Actor, attachmentId: string, variant: 'file' | 'thumbnail'): Promise<FileToServe> {
  const row = await readable(actor, attachmentId);
  const store = await storage();
  if (variant === 'thumbnail') {
    const key = row.thumbnailKey;
    if (!key) throw errors.notFound('thumbnail');
    return {
      name: row.name.replace(/(\.[^.]*)?$/, '.webp'),
      contentType: 'image/webp',
      decodedImage: true,
      etag: `"t-${attachmentId}"`,
      size: null,
      open: (r) => store.get(key, r),
    };
  }
  return {
    name: row.name,
    contentType: row.contentType,
    decodedImage: row.width !== null,
    etag: `"f-${attachmentId}"`,
    size: Number(row.size),
    open: (r) => store.get(row.storageKey, r),
  };
}

/** Removes objects whose rows are gone; a failure is logged, and the next sweep's listing finds them again. */
export async function removeObjects(keys: string[]): Promise<void> {
  const store = await storage();
  for (const key of keys) {
    await store.delete(key).catch((error) => log.warn('could not remove a stored file', { key, error: describeError(error) }));
  }
}
