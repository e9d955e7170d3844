// Integration suite: every response `call` receives is checked against the document (http.ts) and
// every socket payload against the event catalogue (sockets.ts); a test that saw a socket payload
// break the catalogue fails, and the counts are recorded when each test file ends.
import { afterAll, afterEach, expect } from 'vitest';
import { recordValidatedCount } from './contract';
import { recordSocketCount, takeSocketProblems } from './socket-contract';

afterEach(() => {
  expect(takeSocketProblems(), 'socket payloads that break the event catalogue').toEqual([]);
});

afterAll(() => {
  recordValidatedCount('integration');
  recordSocketCount('integration');
});
