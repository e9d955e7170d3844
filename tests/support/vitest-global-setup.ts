// One real server for the whole integration suite; its URL is provided to every test file.
import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './server';

let server: RunningServer | undefined;

export async function setup(project: TestProject) {
  // The permission matrix makes a fresh group per cell as one owner: the per-user creation and
  // write limits are raised here, and their mechanism is tested on token creation and sends.
  // Sockets re-check their credential every 5 s and expired credentials are swept every second, so
  // the suites can watch both happen (the defaults are a minute and an hour).
  server = await startServer(project.name, {
    RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '500',
    RATE_LIMIT_WRITES_PER_MINUTE: '1000',
    SOCKET_RECHECK_SECONDS: '5',
    CREDENTIAL_SWEEP_SECONDS: '1',
  });
  project.provide('baseUrl', server.url);
  project.provide('serverDatabaseUrl', server.databaseUrl ?? '');
  project.provide('serverLogFile', server.logFile);
  project.provide('serverDataDir', server.dataDir);
}

export async function teardown() {
  await server?.stop();
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
