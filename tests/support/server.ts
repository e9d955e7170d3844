// Starts the real built server (server.ts) on a free port with a fresh database: a new
// PostgreSQL database when TEST_DATABASE_URL (or DATABASE_URL) names a server, else PGlite in
// a temporary directory. Used by the integration suite and the Playwright suite alike.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

export const root = path.resolve(__dirname, '..', '..');
export const resultsDir = path.join(root, 'tests', '.results');

export type RunningServer = {
  url: string;
  port: number;
  /** What a restart needs to come back on the same data. */
  reuse: Reuse;
  /** Kills the process with a signal and waits for it to exit, keeping the database and data. */
  kill: (signal: NodeJS.Signals) => Promise<number | null>;
  /** The fresh PostgreSQL database, when one was made (else PGlite in dataDir). */
  databaseUrl?: string;
  dataDir: string;
  logFile: string;
  process: ChildProcess;
  stop: () => Promise<void>;
};

/** The secret every test server signs sessions with (a test of the generated one unsets it). */
export const testAuthSecret = 'test-only-auth-secret-0123456789abcdef';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function freshDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> } | null> {
  const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
  if (!base) return null;
  const dbName = `${new URL(base).pathname.slice(1) || 'relay'}_${name}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase();
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = '/' + dbName;
  return {
    url: url.toString(),
    drop: async () => {
      const sql = postgres(base, { max: 1, onnotice: () => {} });
      await sql.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
      await sql.end();
    },
  };
}

export type Reuse = { dataDir: string; database: { url: string; drop: () => Promise<void> } | null };

/**
 * Runs server.ts as `npm start` would, with a fresh database, and waits until /api/health answers.
 * `reuse` restarts on the data directory and database of an earlier server (after a crash);
 * `nodeArgs` go to node itself (--cpu-prof, say). `env.PORT` picks the port (from `freePort`), for
 * an APP_URL that must name it (the links in emails are built from APP_URL).
 */
export async function startServer(name: string, env: Record<string, string> = {}, reuse?: Reuse, nodeArgs: string[] = []): Promise<RunningServer> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dataDir = reuse?.dataDir ?? mkdtempSync(path.join(tmpdir(), `relay-${name}-`));
  const database = reuse ? reuse.database : await freshDatabase(name);
  mkdirSync(resultsDir, { recursive: true });
  const logFile = path.join(resultsDir, `server-${name}.log`);
  const log = createWriteStream(logFile, { flags: reuse ? 'a' : 'w' });
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      // The tests stand in for one proxy: the single X-Forwarded-For hop they send is the client.
      TRUST_PROXY: '1',
      // Production refuses to start on PostgreSQL or Redis without one; every process of a test shares it.
      AUTH_SECRET: testAuthSecret,
      // Everything the server would log, so the run's secrets audit reads it all.
      LOG_LEVEL: 'debug',
      DATABASE_URL: database?.url ?? '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${name} exited with ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server ${name} did not become healthy; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    url,
    port,
    reuse: { dataDir, database },
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const code = await exited;
      log.end();
      return code;
    },
    databaseUrl: database?.url,
    dataDir,
    logFile,
    process: child,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      log.end();
      await database?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
