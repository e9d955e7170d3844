// Direct access to the integration server's PostgreSQL database, for tests that must change a row
// behind the service's back (a credential deleted without its revocation event, an expiry moved
// close). Embedded PGlite belongs to the server process alone, so these tests need the suite to
// run on PostgreSQL (TEST_DATABASE_URL, as CI sets it): without it they fail, saying so; a test
// that cannot run is never counted as passed or quietly skipped.
import postgres, { type Sql } from 'postgres';
import { afterAll, inject } from 'vitest';

/** The server's database URL, or '' when it runs on embedded PGlite. */
export const databaseUrl = (): string => inject('serverDatabaseUrl');

let sql: Sql | undefined;

/** A small connection pool to the server's database, shared by the file's tests. */
export function database(): Sql {
  if (!databaseUrl()) throw new Error('This test changes the server’s database directly: run the suite on PostgreSQL (set TEST_DATABASE_URL).');
  sql ??= postgres(databaseUrl(), { max: 2, onnotice: () => {} });
  return sql;
}

afterAll(async () => {
  await sql?.end();
  sql = undefined;
});
