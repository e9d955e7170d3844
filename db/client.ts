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
