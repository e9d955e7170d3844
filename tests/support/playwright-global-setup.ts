// Starts the real built server with a fresh database for the browser suite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, startServer } from './server';
import { startSmtp } from './smtp';

export default async function globalSetup() {
  // Email is on: the server sends to an SMTP server here, which writes each message into a
  // directory the specs read (E2E_MAIL_DIR; tests/support/smtp.ts `mailIn`). APP_URL names the server.
  const mailDir = mkdtempSync(path.join(tmpdir(), 'relay-e2e-mail-'));
  const smtp = await startSmtp({ dir: mailDir });
  const port = await freePort();
  const server = await startServer('e2e', {
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    SMTP_URL: smtp.url,
    // The limits themselves are tested in the integration suite; here every person registers and
    // signs in from 127.0.0.1 (the XSS spec alone signs in 24 attackers), some tests seed long
    // histories, and every page load is a socket handshake from it.
    RATE_LIMIT_EMAILS_PER_HOUR: '10000',
    RATE_LIMIT_MESSAGES_PER_10S: '10000',
    RATE_LIMIT_REGISTER_PER_HOUR: '10000',
    RATE_LIMIT_HANDSHAKES_PER_MINUTE: '10000',
    RATE_LIMIT_SIGNIN_IP_PER_MINUTE: '10000',
    // The XSS suite sends one person's forty payload-named files.
    RATE_LIMIT_UPLOADS_PER_MINUTE: '10000',
  });
  process.env.E2E_BASE_URL = server.url;
  process.env.E2E_MAIL_DIR = mailDir;
  return async () => {
    await server.stop();
    await smtp.stop();
    rmSync(mailDir, { recursive: true, force: true });
  };
}
