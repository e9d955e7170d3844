// What the test server's file storage holds, read from outside the server: the local data
// directory, or the S3-compatible server the `files-s3` project started (through the AWS SDK).
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';

export const storageKind = (): 'local' | 's3' => (inject('s3Endpoint') ? 's3' : 'local');

let client: S3Client | undefined;

/** Every key in storage (partial local writes included), sorted. */
export async function storedKeys(): Promise<string[]> {
  const endpoint = inject('s3Endpoint');
  if (endpoint) {
    client ??= new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: inject('s3Bucket'), ContinuationToken: token }));
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }
  const root = path.join(inject('serverDataDir'), 'files');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The S3-compatible server the `files-s3` project runs against ('' for local disk). */
    s3Endpoint: string;
    s3Bucket: string;
  }
}
