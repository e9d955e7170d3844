// One real server for the whole integration suite; its URL is provided to every test file.
import type { TestProject } from 'vitest/node';
import { mkdtempSync } from 'node:fs';
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
  const server: RunningServer = await startServer(
    project.name,
    { RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '500', RATE_LIMIT_WRITES_PER_MINUTE: '1000', SOCKET_RECHECK_SECONDS: '5', CREDENTIAL_SWEEP_SECONDS: '1', ...limits },
    embedded ? { dataDir: mkdtempSync(path.join(tmpdir(), 'relay-embedded-')), database: null } : undefined,
  );
  project.provide('baseUrl', server.url);
  project.provide('serverDatabaseUrl', server.databaseUrl ?? '');
  project.provide('serverLogFile', server.logFile);
  project.provide('serverDataDir', server.dataDir);
  // Each project's own server stops with it (two projects may share this module).
  return () => server.stop();
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
