// Turns an upload request into one file stream: a multipart/form-data body with one part named
// `file`, or the raw body (its name in `?name=`). Nothing here is held whole in memory: the
// file's bytes flow through as they arrive, counted against the limit, their first bytes kept
// for sniffing.
import busboy from 'busboy';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { AppError, isAppError } from '@/lib/errors';
import { processSingleton } from '@/lib/singletons';

/**
 * Bytes of images held in memory for decoding, across every upload in this process. Past it an
 * image is stored as a plain file (no size, no thumbnail) rather than held: memory stays bounded
 * however many uploads arrive at once.
 */
export const IMAGE_MEMORY_BUDGET = 160 * 1024 * 1024;
const held = () => processSingleton('imageMemory', () => ({ bytes: 0 }));

/** Bytes kept from the start of a file to sniff its type. */
export const SNIFF_BYTES = 64 * 1024;

export function tooLarge(limit: number): AppError {
  const mib = limit / (1024 * 1024);
  const shown = mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${Math.floor(limit / 1024)} KiB`;
  return new AppError('payload_too_large', `The file is larger than ${shown}.`, { limit });
}

export const invalidUpload = (message: string) => new AppError('validation_failed', message, [{ path: 'file', message }]);

/**
 * Counts the bytes passing through, fails with a 413 as soon as they pass `limit`, and keeps the
 * first SNIFF_BYTES; with `keepUpTo`, also keeps every chunk while the total stays under it (for
 * images, which are decoded once stored).
 */
export class Meter extends Transform {
  bytes = 0;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private kept: Buffer[] | null = [];
  private decided = false;
  private reserved = 0;

  /** `keep` decides from the first 12 bytes or more whether to keep the file whole (up to `keepUpTo`). */
  constructor(
    private readonly limit: number,
    private readonly keepUpTo = 0,
    private readonly keep: (head: Buffer) => boolean = () => true,
  ) {
    super({ highWaterMark: 1024 * 1024 });
    if (keepUpTo === 0) this.kept = null;
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) return done(tooLarge(this.limit));
    if (this.headBytes < SNIFF_BYTES) {
      const part = chunk.subarray(0, SNIFF_BYTES - this.headBytes);
      this.head.push(part);
      this.headBytes += part.length;
    }
    if (this.kept) {
      const budget = held();
      if (this.bytes <= this.keepUpTo && budget.bytes + chunk.length <= IMAGE_MEMORY_BUDGET) {
        this.kept.push(chunk);
        this.reserved += chunk.length;
        budget.bytes += chunk.length;
      } else this.release();
    }
    if (!this.decided && this.headBytes >= 12) {
      this.decided = true;
      if (!this.keep(this.sniffable())) this.release();
    }
    done(null, chunk);
  }

  /** The first bytes of the file. */
  sniffable(): Buffer {
    return Buffer.concat(this.head);
  }

  /** Lets go of what was kept, and of its share of the memory budget. Called once done with `whole()`. */
  release(): void {
    this.kept = null;
    held().bytes -= this.reserved;
    this.reserved = 0;
  }

  // A failed stream lets go at once; a finished one keeps the file for `whole()` until released.
  _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    if (error) this.release();
    done(error);
  }

  /** The whole file when it stayed within `keepUpTo`, else null. */
  whole(): Buffer | null {
    if (!this.kept || (!this.decided && !this.keep(this.sniffable()))) return null;
    return Buffer.concat(this.kept);
  }
}

/**
 * The file's bytes through a Meter: a body that breaks off (a truncated form, a client gone) is a
 * bad upload, not our failure; the Meter's own failure reaches the caller through whatever reads it.
 */
export function metered(file: IncomingFile, meter: Meter): Meter {
  file.stream.on('error', (error) => meter.destroy(isAppError(error) ? error : invalidUpload('The upload ended before the file did.')));
  meter.on('error', () => {});
  return file.stream.pipe(meter);
}

export type IncomingFile = {
  name: string | undefined;
  stream: Readable;
  /** Resolves once the whole request has been read; rejects when it was not a well-formed upload (a second file, a truncated form). */
  finished: Promise<void>;
};

/** The file of an upload request, multipart or raw. */
export async function incomingFile(req: Request): Promise<IncomingFile> {
  if (!req.body) throw invalidUpload('Send a file.');
  const type = req.headers.get('content-type') ?? '';
  const body = Readable.fromWeb(req.body as import('node:stream/web').ReadableStream<Uint8Array>, { highWaterMark: 1024 * 1024 });
  if (!/^multipart\/form-data\b/i.test(type)) {
    const name = new URL(req.url).searchParams.get('name') ?? undefined;
    return { name, stream: body, finished: Promise.resolve() };
  }
  return multipartFile(body, type);
}

function multipartFile(body: Readable, contentType: string): Promise<IncomingFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { 'content-type': contentType }, limits: { files: 1, fields: 20, fieldSize: 1024, parts: 21 }, defParamCharset: 'utf8' });
    } catch {
      body.resume();
      return reject(invalidUpload('The multipart body has no boundary.'));
    }
    let found = false;
    let problem: AppError | null = null;
    let settle!: (error?: Error) => void;
    const finished = new Promise<void>((ok, fail) => (settle = (error) => (error ? fail(error) : ok())));
    finished.catch(() => {});
    parser.on('file', (field, stream, info) => {
      if (field !== 'file' || found) {
        problem ??= invalidUpload('Send one file, in a part named "file".');
        stream.resume();
        return;
      }
      found = true;
      resolve({ name: info.filename, stream, finished });
    });
    parser.on('filesLimit', () => (problem ??= invalidUpload('Send one file, in a part named "file".')));
    parser.on('partsLimit', () => (problem ??= invalidUpload('The multipart body has too many parts.')));
    parser.on('error', (error: Error) => {
      const refused = invalidUpload(`The multipart body is not well-formed (${error.message}).`);
      settle(refused);
      if (!found) reject(refused);
    });
    parser.on('close', () => {
      if (!found) reject(problem ?? invalidUpload('Send the file in a part named "file".'));
      settle(problem ?? undefined);
    });
    body.on('error', (error) => parser.destroy(error));
    body.pipe(parser);
  });
}
