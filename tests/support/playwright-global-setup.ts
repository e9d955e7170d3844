// Starts the real built server with a fresh database for the browser suite.
import { startServer } from './server';

export default async function globalSetup() {
  // The limits themselves are tested in the integration suite; here every person registers and
  // signs in from 127.0.0.1 (the XSS spec alone signs in 24 attackers), some tests seed long
  // histories, and every page load is a socket handshake from it.
  const server = await startServer('e2e', {
    RATE_LIMIT_MESSAGES_PER_10S: '10000',
    RATE_LIMIT_REGISTER_PER_HOUR: '10000',
    RATE_LIMIT_HANDSHAKES_PER_MINUTE: '10000',
    RATE_LIMIT_SIGNIN_IP_PER_MINUTE: '10000',
    // The XSS suite sends one person's forty payload-named files.
    RATE_LIMIT_UPLOADS_PER_MINUTE: '10000',
  });
  process.env.E2E_BASE_URL = server.url;
  return async () => {
    await server.stop();
  };
}
