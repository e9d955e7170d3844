// The browser suite's `test`: every /api response any page receives is checked against the
// OpenAPI document, and every Socket.IO frame against the event catalogue; a test fails if one
// breaks them.
import { test as base, expect, type APIRequestContext, type APIResponse, type BrowserContext, type Page } from '@playwright/test';
import { checkResponse, recordValidatedCount } from '../support/contract';
import { checkAck, checkServerEvent, recordSocketCount, takeSocketProblems } from '../support/socket-contract';

const problems: string[] = [];
const pending: Promise<void>[] = [];

/**
 * A Socket.IO packet in an Engine.IO message frame: "4" then the packet type (2 an event, 3 an
 * ack), an optional ack id, and the JSON array of arguments (default namespace, no binary).
 */
function socketPacket(frame: string | Buffer): { type: '2' | '3'; id: string; args: unknown[] } | null {
  const match = /^4([23])(\d*)(\[[\s\S]*)$/.exec(typeof frame === 'string' ? frame : frame.toString('utf8'));
  return match ? { type: match[1] as '2' | '3', id: match[2], args: JSON.parse(match[3]) as unknown[] } : null;
}

/** Checks the Socket.IO frames of a page: events from the server, and acks of the page's own events. */
function watchSockets(page: Page) {
  page.on('websocket', (ws) => {
    if (!ws.url().includes('/socket.io/')) return;
    const asked = new Map<string, string>();
    ws.on('framesent', ({ payload }) => {
      const packet = socketPacket(payload);
      if (packet?.type === '2' && packet.id) asked.set(packet.id, String(packet.args[0]));
    });
    ws.on('framereceived', ({ payload }) => {
      const packet = socketPacket(payload);
      if (packet?.type === '2') checkServerEvent(String(packet.args[0]), packet.args[1]);
      else if (packet?.type === '3') {
        const event = asked.get(packet.id);
        asked.delete(packet.id);
        if (event) checkAck(event, packet.args[0]);
      }
    });
  });
}

/** Checks the API responses of this browser context (person() calls it for the contexts it makes). */
export function watchContract(context: BrowserContext) {
  for (const page of context.pages()) watchSockets(page);
  context.on('page', watchSockets);
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

const requestMethods = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'fetch']);

/**
 * The `request` fixture (the API calls a spec makes itself, as another person or a script), with
 * every /api response checked like the pages' are.
 */
function checkedRequest(request: APIRequestContext): APIRequestContext {
  return new Proxy(request, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || !requestMethods.has(name) || typeof value !== 'function') return value;
      return async (url: string, options?: { method?: string }) => {
        const response: APIResponse = await value.call(target, url, options);
        const pathname = new URL(url, process.env.E2E_BASE_URL).pathname;
        if (pathname.startsWith('/api/')) {
          const method = name === 'fetch' ? (options?.method ?? 'GET') : name.toUpperCase();
          const text = await response.text();
          pending.push(
            checkResponse(process.env.E2E_BASE_URL!, method, pathname, response.status(), text ? JSON.parse(text) : null).catch(
              (e: Error) => void problems.push(e.message),
            ),
          );
        }
        return response;
      };
    },
  });
}

export const test = base.extend<{ contract: void }, { contractCount: void }>({
  request: async ({ request }, use) => {
    await use(checkedRequest(request));
  },
  contractCount: [
    async ({}, use) => {
      await use();
      recordValidatedCount('e2e');
      recordSocketCount('e2e');
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
      expect(takeSocketProblems(), 'socket payloads that break the event catalogue').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
