// What we do to images, with sharp (libvips, on libuv's thread pool, never on the event loop):
// read their size, strip what they say about where and when they were taken, make thumbnails
// and avatars. Anything sharp cannot decode is not an image to us; it is served as a plain file.
import sharp from 'sharp';
import { semaphore } from '@/lib/concurrency';

/** The types we try to decode (HEIC only where the installed libvips can read it). */
export const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/heic', 'image/heif']);
/** Images larger than this are stored as plain files: decoding is bounded by what we hold in memory. */
export const IMAGE_BUFFER_LIMIT = 40 * 1024 * 1024;
export const THUMBNAIL_SIZE = 480;
export const AVATAR_SIZE = 256;
/** Decompression bombs: refuse more pixels than this (40 megapixels: a decode, turned, stays near 200 MB). */
const MAX_PIXELS = 40_000_000;

// libvips uses one thread per image here; at most two images at once, so thumbnails never take
// the whole thread pool from password hashing and file reads.
sharp.concurrency(1);
const inSlot = semaphore('images', 2);

export type ProcessedImage = {
  width: number;
  height: number;
  /** The image to serve instead of the upload, when the upload carried metadata (EXIF, GPS, XMP, IPTC). */
  stripped: Buffer | null;
  thumbnail: Buffer;
};

const input = (bytes: Buffer, animated = false) => sharp(bytes, { animated, limitInputPixels: MAX_PIXELS, failOn: 'error' });

/** Decodes an image; null when it is not one sharp can read (corrupt, truncated, an unsupported codec). */
export function processImage(bytes: Buffer, contentType: string): Promise<ProcessedImage | null> {
  return inSlot(async () => {
    try {
      const meta = await input(bytes).metadata();
      if (!meta.width || !meta.height) return null;
      const animated = (meta.pages ?? 1) > 1;
      const frameHeight = animated ? (meta.pageHeight ?? meta.height) : meta.height;
      // EXIF orientations 5–8 turn the picture a quarter: what people see is the other way round.
      const turned = (meta.orientation ?? 1) >= 5;
      const width = turned ? frameHeight : meta.width;
      const height = turned ? meta.width : frameHeight;
      const carriesMetadata = Boolean(meta.exif || meta.xmp || meta.iptc) || (meta.orientation ?? 1) > 1;
      // Re-encoded without metadata (sharp writes none unless asked), orientation applied to the pixels.
      const stripped = carriesMetadata ? await reencode(bytes, contentType, animated) : null;
      const thumbnail = await input(bytes)
        .autoOrient()
        .resize({ width: THUMBNAIL_SIZE, height: THUMBNAIL_SIZE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: 78 })
        .toBuffer();
      return { width, height, stripped, thumbnail };
    } catch {
      return null;
    }
  });
}

function reencode(bytes: Buffer, contentType: string, animated: boolean): Promise<Buffer> {
  const image = input(bytes, animated).autoOrient().keepIccProfile();
  switch (contentType) {
    case 'image/jpeg':
      return image.jpeg({ quality: 92, mozjpeg: true }).toBuffer();
    case 'image/png':
      return image.png().toBuffer();
    case 'image/webp':
      return image.webp({ quality: 92 }).toBuffer();
    case 'image/gif':
      return image.gif().toBuffer();
    default:
      return image.avif({ quality: 70 }).toBuffer();
  }
}

/** A square WebP avatar, centre-cropped; null when the bytes are not an image. */
export function makeAvatar(bytes: Buffer): Promise<Buffer | null> {
  return inSlot(async () => {
    try {
      return await input(bytes)
        .autoOrient()
        .resize({ width: AVATAR_SIZE, height: AVATAR_SIZE, fit: 'cover', position: 'centre' })
        .webp({ quality: 85 })
        .toBuffer();
    } catch {
      return null;
    }
  });
}
