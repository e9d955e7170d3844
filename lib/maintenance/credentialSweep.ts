// Expired sessions and personal access tokens would pile up forever: every process sweeps, on a
// timer, those expired for more than a day, one process at a time. A transaction-scoped advisory
// lock (which PGlite has too) is taken in the sweep's own statement: a process that does not get it
// leaves the work to the one that did, and nothing can stay locked when a process dies.
import { query } from '@/db/client';
import { getConfig } from '@/lib/config';
import { startSweep } from './schedule';

/** The sweep's advisory lock key: a number nothing else in the app locks. */
export const CREDENTIAL_SWEEP_LOCK = 7_346_201;
/** Rows per statement, so the first sweep after a long time deletes in pieces. */
const BATCH = 5_000;

const sweepStatement = `with lock as (
  select pg_try_advisory_xact_lock(${CREDENTIAL_SWEEP_LOCK}) as held
), s as (
  delete from sessions where id in (
    select id from sessions where (select held from lock) and expires_at < now() - interval '1 day' limit ${BATCH}
  ) returning 1
), t as (
  delete from api_tokens where id in (
    select id from api_tokens where (select held from lock) and expires_at < now() - interval '1 day' limit ${BATCH}
  ) returning 1
)
select (select held from lock) as held, (select count(*) from s)::int as sessions, (select count(*) from t)::int as tokens`;

/** Deletes what expired more than a day ago; null when another process is sweeping. */
export async function sweepExpiredCredentials(): Promise<{ sessions: number; tokens: number } | null> {
  const swept = { sessions: 0, tokens: 0 };
  for (;;) {
    const [row] = await query<{ held: boolean; sessions: number; tokens: number }>(sweepStatement);
    if (!row.held) return swept.sessions + swept.tokens > 0 ? swept : null;
    swept.sessions += row.sessions;
    swept.tokens += row.tokens;
    if (row.sessions < BATCH && row.tokens < BATCH) return swept;
  }
}

/** Sweeps now and then every CREDENTIAL_SWEEP_SECONDS (an hour by default); once per process. */
export function startCredentialSweep(): void {
  startSweep('expired credentials', getConfig().credentialSweepMs, sweepExpiredCredentials, (swept) =>
    swept && swept.sessions + swept.tokens > 0 ? swept : null,
  );
}
