import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.resolve(import.meta.dirname, '..');
const alias = { '@': root };

// `.only` never narrows a run, in CI or not: a focused test would silently drop the rest.
const allowOnly = false;

export default defineConfig({
  test: {
    root,
    allowOnly,
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', root, allowOnly, include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          root,
          allowOnly,
          env: { CONTRACT_RUNNER: 'integration' },
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/vitest-global-setup.ts'],
          setupFiles: ['tests/support/contract-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The files suite once more, with S3-compatible storage (s3rver, started by the global set-up) instead of local disk.
        resolve: { alias },
        test: {
          name: 'files-s3',
          root,
          allowOnly,
          env: { CONTRACT_RUNNER: 'files-s3' },
          include: ['tests/integration/files.test.ts', 'tests/integration/files-sweep.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/vitest-global-setup.ts'],
          setupFiles: ['tests/support/contract-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The core of the integration suite (accounts, conversations, messages, history, resends,
        // conversation events, files on local disk) once more, against embedded PGlite: what `npm start` runs by default.
        resolve: { alias },
        test: {
          name: 'embedded',
          root,
          allowOnly,
          env: { CONTRACT_RUNNER: 'embedded' },
          include: ['accounts', 'conversations', 'messages', 'conversation-events', 'files', 'rich-messages'].map((f) => `tests/integration/${f}.test.ts`),
          environment: 'node',
          globalSetup: ['tests/support/vitest-global-setup.ts'],
          setupFiles: ['tests/support/contract-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Property-based fuzzing: its own server, run after the integration suite (see tests/run.ts).
        resolve: { alias },
        test: {
          name: 'fuzz',
          root,
          allowOnly,
          env: { CONTRACT_RUNNER: 'fuzz' },
          include: ['tests/fuzz/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/vitest-global-setup.ts'],
          setupFiles: ['tests/support/contract-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Crash and outage runs, several processes, the embedded database: each test starts, kills and restarts its own servers.
        resolve: { alias },
        test: {
          name: 'chaos',
          root,
          allowOnly,
          env: { CONTRACT_RUNNER: 'chaos' },
          setupFiles: ['tests/support/contract-setup.ts'],
          include: ['tests/chaos/**/*.test.ts', 'tests/scale/**/*.test.ts', 'tests/embedded/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
