// One real server for the whole integration suite; its URL is provided to every test file.
import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './server';

let server: RunningServer | undefined;

export async function setup(project: TestProject) {
  // The permission matrix makes a fresh group per cell as one owner: the per-user creation and
  // write limits are raised here, and their mechanism is tested on token creation and sends.
  server = await startServer(project.name, { RATE_LIMIT_CONVERSATIONS_PER_MINUTE: '500', RATE_LIMIT_WRITES_PER_MINUTE: '1000' });
  project.provide('baseUrl', server.url);
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
  }
}
