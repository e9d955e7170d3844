// A file's type from its first bytes, never from what the client says. Text that is valid UTF-8
// with no NUL is text/plain (an HTML or SVG file among it: it is never served inline); anything
// else unrecognised is application/octet-stream.
import { SNIFF_BYTES } from './intake';

const IMAGE_BRANDS = new Set(['avif', 'avis', 'heic', 'heix', 'heim', 'heis', 'mif1', 'msf1']);

/** Whether the first bytes could start an image we decode: worth keeping the file in memory for. */
export function looksLikeImage(head: Buffer): boolean {
  if (head.length < 12) return false;
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return true; // JPEG
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return true; // PNG
  if (head.toString('latin1', 0, 4) === 'GIF8') return true;
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP') return true;
  // AVIF and HEIC are ISO base media files; so are MP4 and MOV, which are not decoded.
  return head.toString('latin1', 4, 8) === 'ftyp' && IMAGE_BRANDS.has(head.toString('latin1', 8, 12));
}

function isText(head: Buffer, whole: boolean): boolean {
  if (head.length === 0 || head.includes(0)) return false;
  // A multi-byte character cut off at the end of the sniffed bytes is not a decoding error.
  const checked = whole ? head : head.subarray(0, Math.max(0, head.length - 3));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(checked);
    return true;
  } catch {
    return false;
  }
}

export async function sniffContentType(head: Buffer): Promise<string> {
  const { fileTypeFromBuffer } = await import('file-type');
  const found = await fileTypeFromBuffer(head).catch(() => undefined);
  if (found) return found.mime;
  return isText(head, head.length < SNIFF_BYTES) ? 'text/plain' : 'application/octet-stream';
}

/** Served inline: images we decoded, PDFs, audio and video. Everything else is a download. */
export function servedInline(contentType: string, decodedImage: boolean): boolean {
  if (contentType.startsWith('image/')) return decodedImage && contentType !== 'image/svg+xml';
  return contentType === 'application/pdf' || contentType.startsWith('audio/') || contentType.startsWith('video/');
}
