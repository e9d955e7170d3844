// One real server for the whole integration suite; its URL is provided to every test file.
import type { TestProject } from 'vitest/node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, type RunningServer } from './server';

export async function setup(project: TestProject) {
  // The `embedded` project runs the core of the suite against embedded PGlite (a fresh data
  // directory and no database server), the others against PostgreSQL when TEST_DATABASE_URL is set.
  const embedded = project.name === 'embedded';
  // The fuzz server has no rate limits, so valid generated input reaches the services rather than
  // stopping at a limiter; the limits are tested on their own (rate-limits.test.ts and others).
  const limits: Record<string, string> = project.name === 'fuzz' ? { RATE_LIMITS: 'off' } : {};
  // The permission matrix makes a fresh group per cell as one owner: the per-user creation and
  // write limits are raised here, and their mechanism is tested on token creation and sends.
  // Sockets re-check their credential every 5 s and expired credentials are swept every second, so
  // the suites can watch both happen (the defaults are a minute and an hour).
  // The files suite runs twice: on local disk (the integration project) and on S3 (`files-s3`,
  // against a real S3-compatible server started here). Uploads are capped at 3 MiB so the limit
  // is quick to cross, and the file sweep runs every second.
  const s3 = project.name === 'files-s3' ? await startS3() : null;
  const server: RunningServer = await startServer(
    project.name,
    {
      RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '500',
      RATE_LIMIT_WRITES_PER_MINUTE: '1000',
      RATE_LIMIT_UPLOADS_PER_MINUTE: '1000',
      SOCKET_RECHECK_SECONDS: '5',
      CREDENTIAL_SWEEP_SECONDS: '1',
      FILE_SWEEP_SECONDS: '1',
      MAX_UPLOAD_BYTES: String(3 * 1024 * 1024),
      // Pushes go to a push service the notification suites run on this machine; a burst is one
      // notification per second, so the suites can watch a window close.
      PUSH_ALLOW_INSECURE_ENDPOINTS: 'true',
      NOTIFY_COALESCE_SECONDS: '1',
      ...(s3?.env ?? {}),
      ...limits,
    },
    embedded ? { dataDir: mkdtempSync(path.join(tmpdir(), 'relay-embedded-')), database: null } : undefined,
  );
  project.provide('s3Endpoint', s3?.env.S3_ENDPOINT ?? '');
  project.provide('s3Bucket', s3?.env.S3_BUCKET ?? '');
  project.provide('baseUrl', server.url);
  project.provide('serverDatabaseUrl', server.databaseUrl ?? '');
  project.provide('serverLogFile', server.logFile);
  project.provide('serverDataDir', server.dataDir);
  // Each project's own server stops with it (two projects may share this module).
  return async () => {
    await server.stop();
    await s3?.stop();
  };
}

/** s3rver on a free port and a temporary directory, with one bucket: a real S3 API over HTTP. */
async function startS3(): Promise<{ env: Record<string, string>; stop: () => Promise<void> }> {
  const { default: S3rver } = await import('s3rver');
  const directory = mkdtempSync(path.join(tmpdir(), 'relay-s3-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: [{ name: 'relay-test', configs: [] }] });
  const { port } = (await s3.run()) as { port: number };
  return {
    env: {
      S3_BUCKET: 'relay-test',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
    },
    stop: async () => {
      await s3.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverLogFile: string;
    serverDataDir: string;
    /** The server's PostgreSQL database ('' when it runs on embedded PGlite, which only it can open). */
    serverDatabaseUrl: string;
  }
}
