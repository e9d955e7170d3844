// The database handle. The raw driver is opened once per process (db/open.ts, called by
// server.ts) and kept in the process registry (lib/singletons.ts); each bundle wraps it with its
// own Drizzle instance.
import type { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/singletons';
import * as schema from './schema';

export type Driver = { kind: 'postgres'; client: Sql } | { kind: 'pglite'; client: PGlite };
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, typeof schema, ExtractTablesWithRelations<typeof schema>>;

export function setDriver(driver: Driver | undefined) {
  setProcessSingleton('databaseDriver', driver);
}

export function getDriver(): Driver {
  const driver = peekProcessSingleton<Driver>('databaseDriver');
  if (!driver) throw new Error('The database is not open: start the app with `npm start` (server.ts).');
  return driver;
}

/** Each bundle's own Drizzle wrapper, keyed by the driver's client (see `db`). */
const wrappers = new WeakMap<object, Database>();

/** The Drizzle handle for this bundle, over the process's one driver. */
export function db(): Database {
  const driver = getDriver();
  let wrapped = wrappers.get(driver.client);
  if (!wrapped) {
    wrapped =
      driver.kind === 'postgres'
        ? (drizzlePostgres({ client: driver.client, schema }) as unknown as Database)
        : (drizzlePglite({ client: driver.client, schema }) as unknown as Database);
    // Cache per bundle copy: the key is the client, the value this module's Drizzle wrapper.
    wrappers.set(driver.client, wrapped);
  }
  return wrapped;
}

/**
 * Runs one hand-written statement ($1, $2… parameters) and returns its rows as the driver gives
 * them: a prepared statement on PostgreSQL. Only for the hot paths (a send, a history page, the
 * per-request session check), where the query builder's own CPU showed in profiles; the SQL there
 * casts what it returns (text for times, ::text for bigints) so both drivers give the same values.
 */
export async function query<T extends object>(text: string, params: unknown[] = [], within?: Database): Promise<T[]> {
  // Inside a transaction the statement must run on it: PGlite has one connection, and a statement
  // sent beside an open transaction would wait for it forever.
  if (within && within !== db()) {
    const result = (await within.execute(bound(text, params))) as unknown as T[] | { rows: T[] };
    return Array.isArray(result) ? result : result.rows;
  }
  const driver = getDriver();
  if (driver.kind === 'postgres') return (await driver.client.unsafe(text, params as never[], { prepare: true })) as unknown as T[];
  return (await driver.client.query<T>(text, params)).rows;
}

/** A hand-written statement with $1, $2… as Drizzle SQL, for running it on a transaction. */
function bound(text: string, params: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${params[Number(part) - 1]}`)));
}

export type Statement = readonly [text: string, params: unknown[]];

/**
 * Runs hand-written statements in one transaction and returns the last one's rows. On PostgreSQL
 * BEGIN, the statements and COMMIT go out together on one connection (pipelined), so a short
 * transaction costs one round trip; each statement still sees what committed before it started.
 * If one fails, the server turns the COMMIT into a rollback and its error is thrown.
 */
export async function transaction<T extends object>(statements: Statement[]): Promise<T[]> {
  return (await transactionRows(statements)).at(-1) as T[];
}

/** As `transaction`, answering every statement's rows, in order (when an earlier one tells something too). */
export async function transactionRows(statements: Statement[]): Promise<object[][]> {
  const driver = getDriver();
  if (driver.kind === 'pglite') {
    return driver.client.transaction(async (tx) => {
      const all: object[][] = [];
      for (const [text, params] of statements) all.push((await tx.query<object>(text, params)).rows);
      return all;
    });
  }
  const connection = await driver.client.reserve();
  try {
    return (await pipeline(connection, statements)).slice(1, -1);
  } finally {
    connection.release();
  }
}

/** The PostgreSQL half of `transaction`, on any postgres-js client (the bench uses it too). */
export async function pipelinedTransaction(sql: Sql, statements: Statement[]): Promise<object[]> {
  const connection = await sql.reserve();
  try {
    return (await pipeline(connection, statements)).at(-2)!;
  } finally {
    connection.release();
  }
}

/** BEGIN, the statements, COMMIT, all sent before any answer; every result, BEGIN's and COMMIT's included. */
async function pipeline(connection: Sql, statements: Statement[]): Promise<object[][]> {
  const sent = [
    connection.unsafe('begin'),
    ...statements.map(([text, params]) => connection.unsafe(text, params as never[], { prepare: true })),
    connection.unsafe('commit'),
  ];
  const results = await Promise.allSettled(sent);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<object[]>).value);
}

/** A timestamptz column as `Date#toISOString` would print it, for hand-written statements. */
export const isoTime = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
