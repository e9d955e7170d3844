// Starts the real built server with a fresh database for the browser suite.
import { startServer } from './server';

export default async function globalSetup() {
  // Message sends are rate-limited in the integration suite; here tests seed long histories.
  const server = await startServer('e2e', { RATE_LIMIT_MESSAGES_PER_10S: '10000' });
  process.env.E2E_BASE_URL = server.url;
  return async () => {
    await server.stop();
  };
}
