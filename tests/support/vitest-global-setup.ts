// One real server for the whole integration suite; its URL is provided to every test file.
import type { TestProject } from 'vitest/node';
import { startServer, type RunningServer } from './server';

let server: RunningServer | undefined;

export async function setup(project: TestProject) {
  server = await startServer('integration');
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
