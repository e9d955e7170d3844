// Starts the real built server with a fresh database for the browser suite.
import { startServer } from './server';

export default async function globalSetup() {
  const server = await startServer('e2e');
  process.env.E2E_BASE_URL = server.url;
  return async () => {
    await server.stop();
  };
}
