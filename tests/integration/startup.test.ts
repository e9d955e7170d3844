import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { root } from '../support/server';

describe('start-up', () => {
  it('stops with a one-line message naming a wrong variable', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server.ts'], {
      cwd: root,
      env: { ...process.env, PORT: 'eighty', DATA_DIR: '/tmp/relay-never-used' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('PORT');
  });

  it('generates the auth secret once, keeps it readable by the owner only, and never logs it', () => {
    const file = path.join(inject('serverDataDir'), 'auth-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8').trim();
    expect(secret.length).toBeGreaterThanOrEqual(43);
    const log = readFileSync(inject('serverLogFile'), 'utf8');
    expect(log).toContain('AUTH_SECRET is not set: generated one');
    expect(log).not.toContain(secret);
  });
});
