// Expired sessions and personal access tokens do not pile up: a sweep deletes those expired for more
// than a day, on a timer in every process (every second in this suite), one process at a time.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, databaseUrl } from '../support/database';
import { newUser } from '../support/http';

const hash = () => createHash('sha256').update(randomBytes(32)).digest('hex');

type Sql = (strings: TemplateStringsArray, ...values: unknown[]) => Promise<unknown[]>;

/** A user with a session and a token expired two days ago, and a session and a token expired an hour ago. */
async function seedExpired(sql: Sql, userId: string) {
  const ids = (rows: unknown[]) => (rows as { id: string }[]).map((r) => r.id);
  const old = ids(
    await sql`insert into sessions (user_id, kind, token_hash, expires_at) values (${userId}, 'api', ${hash()}, now() - interval '2 days') returning id`,
  );
  const oldTokens = ids(
    await sql`insert into api_tokens (user_id, name, token_hash, expires_at) values (${userId}, 'old', ${hash()}, now() - interval '2 days') returning id`,
  );
  const recent = ids(
    await sql`insert into sessions (user_id, kind, token_hash, expires_at) values (${userId}, 'api', ${hash()}, now() - interval '1 hour') returning id`,
  );
  const recentTokens = ids(
    await sql`insert into api_tokens (user_id, name, token_hash, expires_at) values (${userId}, 'recent', ${hash()}, now() - interval '1 hour') returning id`,
  );
  const forever = ids(await sql`insert into api_tokens (user_id, name, token_hash) values (${userId}, 'no expiry', ${hash()}) returning id`);
  return { gone: { sessions: old, tokens: oldTokens }, kept: { sessions: recent, tokens: [...recentTokens, ...forever] } };
}

async function remaining(sql: Sql, ids: { sessions: string[]; tokens: string[] }) {
  const s = (await sql`select id from sessions where id::text = any(string_to_array(${ids.sessions.join(',')}, ','))`) as unknown[];
  const t = (await sql`select id from api_tokens where id::text = any(string_to_array(${ids.tokens.join(',')}, ','))`) as unknown[];
  return { sessions: s.length, tokens: t.length };
}

describe('the running server', () => {
  it('sweeps credentials expired for more than a day on its timer, and keeps the rest', async () => {
    const user = await newUser();
    const sql = database() as unknown as Sql;
    const { gone, kept } = await seedExpired(sql, user.id);
    const deadline = Date.now() + 8_000;
    const left = async () => Object.values(await remaining(sql, gone)).reduce((a, b) => a + b, 0);
    while (Date.now() < deadline && (await left()) > 0) await new Promise((r) => setTimeout(r, 250));
    expect(await remaining(sql, gone)).toEqual({ sessions: 0, tokens: 0 });
    expect(await remaining(sql, kept)).toEqual({ sessions: 1, tokens: 2 });
  });
});

/** The sweep called directly, in this process, on a database of its own: PostgreSQL, then embedded PGlite. */
describe('sweepExpiredCredentials', () => {
  const admin = databaseUrl() ? postgres(databaseUrl(), { max: 1, onnotice: () => {} }) : null;
  const name = `relay_sweep_${process.pid}_${Date.now().toString(36)}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'relay-sweep-'));

  beforeAll(async () => {
    const { loadConfig } = await import('@/lib/config');
    loadConfig({ AUTH_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent', DATA_DIR: dataDir });
    if (admin) await admin.unsafe(`create database "${name}"`);
  });

  afterAll(async () => {
    const { closeDatabase } = await import('@/db/open');
    await closeDatabase();
    if (admin) {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function open(kind: 'postgres' | 'pglite') {
    const { closeDatabase, openDatabase } = await import('@/db/open');
    await closeDatabase();
    const url = new URL(databaseUrl() || 'postgres://unused');
    url.pathname = `/${name}`;
    await openDatabase({ databaseUrl: kind === 'postgres' ? url.toString() : undefined, dataDir });
    const { query } = await import('@/db/client');
    // The same tagged-template shape as postgres.js, over whichever driver is open.
    const sql: Sql = (strings, ...values) =>
      query(
        strings.reduce((text, s, i) => text + `$${i}` + s),
        values,
      );
    const [user] = (await sql`insert into users (username, display_name, password_hash) values (${`sweep_${kind}`}, 'Sweep', 'x') returning id`) as {
      id: string;
    }[];
    return { sql, userId: user.id, url: url.toString() };
  }

  it('deletes what expired more than a day ago on PostgreSQL, and skips while another process holds the sweep', async () => {
    const { sql, userId, url } = await open('postgres');
    const { CREDENTIAL_SWEEP_LOCK, sweepExpiredCredentials } = await import('@/lib/maintenance/credentialSweep');
    const { gone, kept } = await seedExpired(sql, userId);

    // Another process in the middle of a sweep holds its lock: this one leaves the work to it.
    const other = postgres(url, { max: 1, onnotice: () => {} });
    const key = String(CREDENTIAL_SWEEP_LOCK);
    await other`select pg_advisory_lock(${key}::bigint)`;
    expect(await sweepExpiredCredentials()).toBeNull();
    expect(await remaining(sql, gone)).toEqual({ sessions: 1, tokens: 1 });
    await other`select pg_advisory_unlock(${key}::bigint)`;
    await other.end();

    expect(await sweepExpiredCredentials()).toEqual({ sessions: 1, tokens: 1 });
    expect(await remaining(sql, gone)).toEqual({ sessions: 0, tokens: 0 });
    expect(await remaining(sql, kept)).toEqual({ sessions: 1, tokens: 2 });
  });

  it('does the same on embedded PGlite', async () => {
    const { sql, userId } = await open('pglite');
    const { sweepExpiredCredentials } = await import('@/lib/maintenance/credentialSweep');
    const { gone, kept } = await seedExpired(sql, userId);
    expect(await sweepExpiredCredentials()).toEqual({ sessions: 1, tokens: 1 });
    expect(await remaining(sql, gone)).toEqual({ sessions: 0, tokens: 0 });
    expect(await remaining(sql, kept)).toEqual({ sessions: 1, tokens: 2 });
  });
});
