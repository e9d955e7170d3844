// Where file bytes live: one small interface, two real backends. Local disk under
// DATA_DIR/files is the default (nothing to run); S3-compatible object storage when S3_BUCKET is
// set, which is what several processes share. Keys are ours alone (`files/<uuid>`,
// `thumbs/<uuid>.webp`, `avatars/<user>/<version>.webp`), never derived from anything a client sent.
import type { Readable } from 'node:stream';
import { getConfig } from '@/lib/config';
import { processSingleton } from '@/lib/singletons';

export type ByteRange = { start: number; end: number };

export type StoredObject = { body: Readable; size: number };

export interface FileStorage {
  readonly kind: 'local' | 's3';
  /**
   * Writes an object whole or not at all: a body that fails (a client gone, a limit passed)
   * leaves nothing behind under `key`. Resolves with the bytes written.
   */
  put(key: string, body: Readable | Buffer, contentType: string): Promise<number>;
  /** The object's bytes (only `range`, inclusive, when given), or null when there is none. */
  get(key: string, range?: ByteRange): Promise<StoredObject | null>;
  /** Removes an object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Every object under a prefix, with when it was written. */
  list(prefix: string): AsyncIterable<{ key: string; modifiedAt: Date }>;
}

// A local write in progress has a `.partial-<uuid>` suffix: listed and removable like any object,
// so the sweep can clear what a crash left behind.
const KEY = /^(files|thumbs|avatars)\/[a-z0-9-]+(\/[a-z0-9-]+)?(\.webp)?(\.partial-[0-9a-f-]{36})?$/;

/** Refuses any key we did not make, so no path can ever walk out of the storage root. */
export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a storage key: ${JSON.stringify(key)}`);
  return key;
}

export const fileKey = (id: string) => checkKey(`files/${id}`);
export const thumbnailKey = (id: string) => checkKey(`thumbs/${id}.webp`);
export const avatarKey = (userId: string, version: string) => checkKey(`avatars/${userId}/${version}.webp`);

/** The process's storage, made on first use from the configuration. */
export function storage(): Promise<FileStorage> {
  return processSingleton('fileStorage', async (): Promise<FileStorage> => {
    const config = getConfig();
    if (config.files.s3) {
      const { S3Storage } = await import('./s3Storage');
      return new S3Storage(config.files.s3);
    }
    const { LocalStorage } = await import('./localStorage');
    return new LocalStorage(`${config.dataDir}/files`);
  });
}
