// Integration suite: every response `call` receives is checked against the document (http.ts);
// here the count of checked responses is recorded when each test file ends.
import { afterAll } from 'vitest';
import { recordValidatedCount } from './contract';

afterAll(() => recordValidatedCount('integration'));
