// The browser suite's `test`: every /api response any page receives is checked against the
// OpenAPI document, and a test fails if one breaks it.
import { test as base, expect, type BrowserContext } from '@playwright/test';
import { checkResponse, recordValidatedCount } from '../support/contract';

const problems: string[] = [];
const pending: Promise<void>[] = [];

/** Checks the API responses of this browser context (person() calls it for the contexts it makes). */
export function watchContract(context: BrowserContext) {
  context.on('response', (response) => {
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    const method = response.request().method();
    pending.push(
      (async () => {
        let body: unknown;
        try {
          const text = await response.text();
          body = text ? JSON.parse(text) : null;
        } catch {
          return; // the page went away before the body could be read
        }
        await checkResponse(process.env.E2E_BASE_URL!, method, url.pathname, response.status(), body);
      })().catch((e: Error) => void problems.push(e.message)),
    );
  });
}

export const test = base.extend<{ contract: void }, { contractCount: void }>({
  contractCount: [
    async ({}, use) => {
      await use();
      recordValidatedCount('e2e');
    },
    { scope: 'worker', auto: true },
  ],
  contract: [
    async ({ context }, use) => {
      problems.length = 0;
      pending.length = 0;
      watchContract(context);
      await use();
      await Promise.all(pending);
      expect(problems, 'API responses that break the OpenAPI document').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
