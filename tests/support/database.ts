// Direct access to the integration server's PostgreSQL database, for tests that must change a row
// behind the service's back (a credential deleted without its revocation event, an expiry moved
// close). Embedded PGlite belongs to the server process alone, so those tests skip there.
import postgres, { type Sql } from 'postgres';
import { afterAll, inject } from 'vitest';

/** The server's database URL, or '' when it runs on embedded PGlite. */
export const databaseUrl = (): string => inject('serverDatabaseUrl');

let sql: Sql | undefined;

/** A small connection pool to the server's database, shared by the file's tests. */
export function database(): Sql {
  sql ??= postgres(databaseUrl(), { max: 2, onnotice: () => {} });
  return sql;
}

afterAll(async () => {
  await sql?.end();
  sql = undefined;
});
