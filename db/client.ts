// The database handle. The raw driver is opened once per process (db/open.ts, called by
// server.ts) and kept on globalThis; each bundle wraps it with its own Drizzle instance.
import type { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import * as schema from './schema';

export type Driver = { kind: 'postgres'; client: Sql } | { kind: 'pglite'; client: PGlite };
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

const store = globalThis as unknown as { __chatDriver?: Driver; __chatDb?: WeakMap<object, Database> };

export function setDriver(driver: Driver | undefined) {
  store.__chatDriver = driver;
}

export function getDriver(): Driver {
  if (!store.__chatDriver) throw new Error('The database is not open: start the app with `npm start` (server.ts).');
  return store.__chatDriver;
}

/** The Drizzle handle for this bundle, over the process's one driver. */
export function db(): Database {
  const driver = getDriver();
  store.__chatDb ??= new WeakMap();
  let wrapped = store.__chatDb.get(driver.client);
  if (!wrapped) {
    wrapped =
      driver.kind === 'postgres'
        ? (drizzlePostgres({ client: driver.client, schema }) as unknown as Database)
        : (drizzlePglite({ client: driver.client, schema }) as unknown as Database);
    // Cache per bundle copy: the key is the client, the value this module's Drizzle wrapper.
    store.__chatDb.set(driver.client, wrapped);
  }
  return wrapped;
}

/**
 * Runs one hand-written statement ($1, $2… parameters) and returns its rows as the driver gives
 * them: a prepared statement on PostgreSQL. Only for the hot paths (a send, a history page, the
 * per-request session check), where the query builder's own CPU showed in profiles; the SQL there
 * casts what it returns (text for times, ::text for bigints) so both drivers give the same values.
 */
export async function query<T extends object>(text: string, params: unknown[] = []): Promise<T[]> {
  const driver = getDriver();
  if (driver.kind === 'postgres') return (await driver.client.unsafe(text, params as never[], { prepare: true })) as unknown as T[];
  return (await driver.client.query<T>(text, params)).rows;
}

/** A timestamptz column as `Date#toISOString` would print it, for hand-written statements. */
export const isoTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
