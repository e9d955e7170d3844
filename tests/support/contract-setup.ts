// The vitest suites: every response `call` (http.ts) and `api` (remote.ts) receive is checked
// against the document, and every socket payload against the event catalogue (sockets.ts,
// remote.ts); a test that saw a socket payload break the catalogue fails, and the counts are
// recorded per project (CONTRACT_RUNNER, set in tests/vitest.config.mts) when each file ends.
import { afterAll, afterEach, expect } from 'vitest';
import { recordValidatedCount } from './contract';
import { recordSocketCount, takeSocketProblems } from './socket-contract';

afterEach(() => {
  expect(takeSocketProblems(), 'socket payloads that break the event catalogue').toEqual([]);
});

afterAll(() => {
  const runner = process.env.CONTRACT_RUNNER ?? 'vitest';
  recordValidatedCount(runner);
  recordSocketCount(runner);
});
