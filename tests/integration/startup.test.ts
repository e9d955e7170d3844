import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from '../support/server';

/** Runs server.ts until it stops; a database nobody listens on ends the start right after the configuration. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', AUTH_SECRET: '', APP_URL: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

const unreachableDatabase = 'postgres://postgres@127.0.0.1:1/none';

describe('start-up', () => {
  it('stops with a one-line message naming a wrong variable', () => {
    const result = start({ PORT: 'eighty', DATA_DIR: '/tmp/relay-never-used' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
  });

  it('generates the auth secret once, keeps it readable by the owner only, and never logs it', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-secret-'));
    try {
      const first = start({ NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: unreachableDatabase });
      const file = path.join(dataDir, 'auth-secret');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const secret = readFileSync(file, 'utf8').trim();
      expect(secret.length).toBeGreaterThanOrEqual(43);
      const second = start({ NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: unreachableDatabase });
      expect(readFileSync(file, 'utf8').trim()).toBe(secret);
      expect(first.stdout).toContain('AUTH_SECRET is not set: generated one');
      expect(second.stdout).toContain('AUTH_SECRET is not set: using the one kept');
      for (const output of [first.stdout, first.stderr, second.stdout, second.stderr]) expect(output).not.toContain(secret);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start in production on PostgreSQL without AUTH_SECRET, in one line', () => {
    const result = start({ NODE_ENV: 'production', DATA_DIR: '/tmp/relay-never-used', DATABASE_URL: unreachableDatabase });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid configuration: AUTH_SECRET must be set/);
  });

  it('refuses a kept secret shorter than 32 characters, in one line', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-secret-'));
    try {
      writeFileSync(path.join(dataDir, 'auth-secret'), 'too short\n', { mode: 0o600 });
      const result = start({ NODE_ENV: 'development', DATA_DIR: dataDir, DATABASE_URL: unreachableDatabase });
      expect(result.status).toBe(1);
      const lines = result.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/auth-secret holds a secret shorter than 32 characters/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
