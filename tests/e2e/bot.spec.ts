import { spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from './fixtures';
import { messageBodies, openDirect, person, registerViaApi, sendMessage, uniqueUsername, PASSWORD } from './helpers';

test('the echo bot from examples/ answers a direct message from a real browser', async ({ browser, request, baseURL }) => {
  const bot = await registerViaApi(request, uniqueUsername('echo'), 'Echo Bot');
  const { token } = await (await request.post('/api/auth/token', { data: { username: bot.username, password: PASSWORD } })).json();
  const pat = await (
    await request.post('/api/tokens', { data: { name: 'echo bot', password: PASSWORD }, headers: { Authorization: `Bearer ${token}` } })
  ).json();

  const root = path.resolve(__dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/echo-bot.ts'], {
    cwd: root,
    env: { ...process.env, RELAY_URL: baseURL, RELAY_TOKEN: pat.token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    await expect.poll(() => output, { timeout: 20_000 }).toContain(`echo-bot connected as @${bot.username}`);
    const alice = await person(browser, request, 'Asker');
    await openDirect(alice, bot);
    await sendMessage(alice.page, 'ping');
    await expect(messageBodies(alice.page)).toHaveText(['ping', 'echo: ping']);
  } finally {
    child.kill('SIGTERM');
  }
});
