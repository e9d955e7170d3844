// Start-up only: configuration, database and migrations, Next, the HTTP server, shutdown.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import next from 'next';
import { closeDatabase, openDatabase } from '@/db/open';
import { ConfigError, loadConfig } from '@/lib/config';
import { logAccess } from '@/lib/http/accessLog';
import { bodyLimitExceptions, limitRequestBody } from '@/lib/http/bodyLimit';
import { compileTrust, trustsAnyProxy } from '@/lib/http/clientIp';
import { applyCors } from '@/lib/http/cors';
import { answerClientError, rejectUnroutableApiRequest } from '@/lib/http/guard';
import { stampRequest } from '@/lib/http/stamp';
import { applySecurityHeaders } from '@/lib/http/securityHeaders';
import { settleDomainEvents } from '@/lib/events/bus';
import { log } from '@/lib/log';
import { closeRedis } from '@/lib/redis';
import { drainRealtime } from '@/lib/realtime/handlers';
import { stopPresenceSweeper } from '@/lib/presence/service';
import { attachRealtime } from '@/lib/realtime/server';
import { startCredentialSweep } from '@/lib/maintenance/credentialSweep';
import { startFileSweep } from '@/lib/maintenance/fileSweep';
import { startNotifications, stopNotifications } from '@/lib/notifications/service';
import { ensureProductionBuild } from '@/lib/startup/build';

async function main() {
  // A .env file, when present, fills in variables the environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  if (config.authSecretSource === 'generated') {
    log.info('AUTH_SECRET is not set: generated one and kept it in the data directory', { dir: config.dataDir });
  } else if (config.authSecretSource === 'data-dir') {
    log.info('AUTH_SECRET is not set: using the one kept in the data directory', { dir: config.dataDir });
  }
  // next-auth reads its public URL from the environment; derive it from ours. It may believe
  // X-Forwarded-Host only when a proxy we trust wrote it.
  if (config.appUrl) process.env.NEXTAUTH_URL = config.appUrl;
  else if (trustsAnyProxy(config.trustProxy)) process.env.AUTH_TRUST_HOST = '1';

  const driver = await openDatabase(config);
  log.info('database ready', { kind: driver.kind, ...(driver.kind === 'pglite' ? { dir: config.dataDir } : {}) });

  if (!config.dev) ensureProductionBuild((msg) => log.info(msg));
  const app = next({ dev: config.dev, dir: process.cwd(), hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();

  const https = config.appUrl?.startsWith('https://') ?? false;
  const proxyTrust = compileTrust(config.trustProxy);
  const bodyLimits = bodyLimitExceptions(config.files.maxUploadBytes);
  const server = createServer((req, res) => {
    stampRequest(req, proxyTrust);
    logAccess(req, res);
    applySecurityHeaders(req, res, { dev: config.dev, https });
    if (applyCors(req, res) || rejectUnroutableApiRequest(req, res) || limitRequestBody(req, res, bodyLimits)) return;
    void handle(req, res);
  });
  server.on('clientError', answerClientError);
  // Idle keep-alive connections stay open longer than clients keep theirs (proxies and HTTP clients
  // reuse one for up to a minute): Node's 5 s default closed them under a request just being sent,
  // which the client saw as ECONNRESET. A shutdown still closes idle connections at once.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;

  const io = attachRealtime(server);
  startCredentialSweep();
  startFileSweep();
  startNotifications();

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info(`ready on ${config.appUrl ?? `http://localhost:${port}`}`, { port });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    // Stop accepting connections; let the socket events in flight finish and acknowledge; then
    // tell every socket to go (clients reconnect, to another process when there is one); io.close
    // resolves once the HTTP requests in flight are answered.
    server.close();
    await drainRealtime(5_000);
    io.disconnectSockets(true);
    server.closeIdleConnections();
    await new Promise<void>((resolve) => io.close(() => resolve()));
    await stopPresenceSweeper();
    stopNotifications();
    await settleDomainEvents(2_000);
    await closeRedis();
    await closeDatabase();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    process.stderr.write(error.message + '\n');
  } else {
    log.error('start-up failed', { error: error instanceof Error ? error.stack : String(error) });
  }
  process.exit(1);
});
