// Two server processes on one PostgreSQL and Redis behind a round-robin load balancer, as in
// production. People chat through it while first one process and then the other is killed; every
// open page reconnects through the balancer to the survivor and shows every message exactly once.
import { rmSync } from 'node:fs';
import { startBalancer, type Balancer } from '../support/balancer';
import { startServer, type RunningServer } from '../support/server';
import { expect, test as base } from './fixtures';
import { messageBodies, openDirect, person, sendMessage, visit } from './helpers';

process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const env = {
  REDIS_URL: process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  RATE_LIMIT_REGISTER_PER_HOUR: '10000',
  RATE_LIMIT_MESSAGES_PER_10S: '10000',
  PRESENCE_TTL_SECONDS: '3',
};

type Cluster = { balancer: Balancer; servers: RunningServer[]; restart: (i: number) => Promise<void>; kill: (i: number) => Promise<void> };

const test = base.extend<object, { cluster: Cluster }>({
  cluster: [
    async ({}, use) => {
      const first = await startServer('e2e-lb-1', env);
      const shared = { ...env, DATABASE_URL: first.databaseUrl! };
      const reuse = { dataDir: first.reuse.dataDir, database: null };
      const servers = [first, await startServer('e2e-lb-2', shared, reuse)];
      const balancer = await startBalancer(servers.map((s) => s.port));
      const cluster: Cluster = {
        balancer,
        servers,
        kill: async (i) => {
          expect(await servers[i].kill('SIGKILL')).toBeNull();
        },
        restart: async (i) => {
          servers[i] = await startServer(`e2e-lb-${i + 1}`, shared, reuse);
          balancer.backends = servers.map((s) => s.port);
        },
      };
      await use(cluster);
      await balancer.close();
      for (const s of servers) await s.kill('SIGTERM');
      await first.reuse.database?.drop();
      rmSync(first.reuse.dataDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ cluster }, use) => use(cluster.balancer.url),
});

test('chatting through a load balancer survives each of two processes being killed', async ({ browser, request, cluster }) => {
  test.setTimeout(120_000);
  const alice = await person(browser, request, 'Alma');
  const bob = await person(browser, request, 'Boris');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  await sendMessage(alice.page, 'before');
  await expect(messageBodies(bob.page)).toHaveText(['before']);

  const expected = ['before'];
  // Whichever process holds each page's socket, one of these kills takes it away.
  for (const [round, victim] of [0, 1].entries()) {
    await cluster.kill(victim);
    for (const p of [alice, bob]) await expect(p.page.getByTestId('connection')).toHaveCount(0, { timeout: 20_000 });
    for (const p of [alice, bob]) {
      const body = `after kill ${round + 1}, from ${p.displayName}`;
      await sendMessage(p.page, body);
      expected.push(body);
      for (const q of [alice, bob]) await expect(messageBodies(q.page)).toHaveText(expected);
    }
    await cluster.restart(victim);
  }
  // A fresh page load through the balancer shows the same history, once each, in order.
  await bob.page.reload();
  await expect(messageBodies(bob.page)).toHaveText(expected);
});
