// A socket lives no longer than its credential: it is disconnected when its session or token
// expires, and every process re-checks its sockets' credentials (every 5 s in this suite), so a
// row deleted or expired without a revocation event, or whose Redis message was lost, is noticed.
import { afterAll, describe, expect, it } from 'vitest';
import { database } from '../support/database';
import { baseUrl, browserSignIn, newPersonalToken, newUser } from '../support/http';
import { closeAll, connect, disconnected, sleep } from '../support/sockets';

afterAll(closeAll);

/** Waits for the socket to be disconnected and says how long that took. */
async function disconnectedWithin(socket: Awaited<ReturnType<typeof connect>>, ms: number): Promise<number> {
  const started = Date.now();
  await disconnected(socket, ms);
  return Date.now() - started;
}

describe('sockets and the credentials they were opened with', () => {
  it('disconnects a personal access token’s socket when the token expires, 2 s after it connected', async () => {
    const user = await newUser();
    const pat = await newPersonalToken(user, { name: 'short-lived', expiresInDays: 1 });
    await database()`update api_tokens set expires_at = now() + interval '2 seconds' where id = ${pat.id}`;
    const socket = await connect({ token: pat.token });
    const took = await disconnectedWithin(socket, 4_500);
    // At its expiry, not at the next periodic re-check (every 5 s here).
    expect(took).toBeGreaterThan(1_000);
    expect(took).toBeLessThan(3_000);
  });

  it('disconnects a script session’s socket when the session expires', async () => {
    const user = await newUser();
    await database()`update sessions set expires_at = now() + interval '2 seconds' where user_id = ${user.id}`;
    const socket = await connect({ token: user.token });
    const took = await disconnectedWithin(socket, 4_500);
    expect(took).toBeLessThan(3_000);
  });

  it('notices a browser session deleted behind its back (no revocation event) at the periodic re-check, and leaves the other sessions', async () => {
    const user = await newUser();
    const { cookie } = await browserSignIn(user.username, user.password);
    const browser = await connect({ cookie: cookie!, origin: baseUrl() });
    const script = await connect({ token: user.token });
    await database()`delete from sessions where user_id = ${user.id} and kind = 'browser'`;
    await disconnected(browser, 8_000);
    await sleep(200);
    expect(script.connected).toBe(true);
  });

  it('notices a session that expired while its socket was open', async () => {
    const user = await newUser();
    const socket = await connect({ token: user.token });
    await database()`update sessions set expires_at = now() - interval '1 second' where user_id = ${user.id}`;
    await disconnected(socket, 8_000);
  });

  it('notices a personal access token deleted behind its back, and an account deleted behind its back', async () => {
    const [one, two] = [await newUser(), await newUser()];
    const pat = await newPersonalToken(one);
    const bot = await connect({ token: pat.token });
    const other = await connect({ token: two.token });
    await database()`delete from api_tokens where id = ${pat.id}`;
    await database()`delete from users where id = ${two.id}`;
    await Promise.all([disconnected(bot, 8_000), disconnected(other, 8_000)]);
  });
});
