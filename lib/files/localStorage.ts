// Files on the local disk: each object is written to a temporary name beside its place and
// renamed over it once whole, so a reader never sees half a file and a failed upload leaves none.
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, opendir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, type ByteRange, type FileStorage, type StoredObject } from './storage';

const PARTIAL = '.partial-';

export class LocalStorage implements FileStorage {
  readonly kind = 'local' as const;

  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    return path.join(this.root, checkKey(key));
  }

  async put(key: string, body: Readable | Buffer): Promise<number> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}${PARTIAL}${randomUUID()}`;
    // A deep buffer: chunks queued while a write is in flight go down together (writev), not one by one.
    const out = createWriteStream(partial, { flags: 'wx', mode: 0o600, highWaterMark: 4 * 1024 * 1024 });
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, out);
      await rename(partial, target);
      return out.bytesWritten;
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: ByteRange): Promise<StoredObject | null> {
    const file = this.pathOf(key);
    try {
      const { size } = await stat(file);
      // Opened now, so an object deleted a moment later is still read whole.
      const body = createReadStream(file, range ? { start: range.start, end: range.end } : {});
      await new Promise<void>((resolve, reject) => body.once('open', () => resolve()).once('error', reject));
      return { body, size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    yield* this.walk(prefix.replace(/\/+$/, ''));
  }

  private async *walk(dirKey: string): AsyncIterable<{ key: string; modifiedAt: Date }> {
    let dir;
    try {
      dir = await opendir(path.join(this.root, dirKey));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for await (const entry of dir) {
      const key = `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) yield* this.walk(key);
      // A partial file older than any upload could be is a crash's leftover: listed like an object
      // so the sweep removes it.
      else if (entry.isFile()) {
        const info = await stat(path.join(this.root, key)).catch(() => null);
        if (info) yield { key, modifiedAt: info.mtime };
      }
    }
  }
}
