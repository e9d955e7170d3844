// Files nobody can see any more are removed from storage, on a timer: uploads never attached
// within UPLOAD_TTL_HOURS, the files of deleted messages (and of conversations that went), and
// objects no row names (an avatar replaced or of a deleted account, what a crash left half
// written). Rows go first, in the statement that takes the sweep's advisory lock, so one process
// deletes rows at a time and a file is never served after its object is gone; then their objects.
// The listing of storage that follows may run on several processes at once: removing an object
// no row names twice is harmless. (S3 multipart uploads a crash left incomplete are not objects
// and are not listed: give the bucket an AbortIncompleteMultipartUpload lifecycle rule.)
import { query } from '@/db/client';
import { getConfig } from '@/lib/config';
import { startSweep } from './schedule';
import { removeObjects } from '@/lib/files/service';
import { storage } from '@/lib/files/storage';

export const FILE_SWEEP_LOCK = 7_346_202;
const BATCH = 1_000;
/** An object no row names is left alone this long: its upload may be finishing. */
const ORPHAN_GRACE_MS = 60 * 60 * 1000;

const sweepRows = `with lock as (
  select pg_try_advisory_xact_lock(${FILE_SWEEP_LOCK}) as held
), gone as (
  delete from attachments where id in (
    select id from attachments
    where (select held from lock) and attached_at is null and created_at < now() - make_interval(secs => $1::float8)
    union all
    select id from attachments
    where (select held from lock) and attached_at is not null and message_id is null
    limit ${BATCH}
  )
  -- Again here: a send may have claimed an upload while this waited for its row (the subquery's
  -- rows are not re-read after the wait, this condition is).
  and ((attached_at is null and created_at < now() - make_interval(secs => $1::float8)) or (attached_at is not null and message_id is null))
  returning storage_key, thumbnail_key
)
select (select held from lock) as held, coalesce(json_agg(storage_key), '[]') as files, coalesce(json_agg(thumbnail_key) filter (where thumbnail_key is not null), '[]') as thumbs
from gone`;

export type FileSweepResult = { attachments: number; orphans: number };

/** One sweep; null when another process holds the lock. */
export async function sweepFiles(now = Date.now()): Promise<FileSweepResult | null> {
  const result: FileSweepResult = { attachments: 0, orphans: 0 };
  for (;;) {
    const [row] = await query<{ held: boolean; files: string[]; thumbs: string[] }>(sweepRows, [getConfig().files.uploadTtlMs / 1000]);
    if (!row.held) return null;
    await removeObjects([...row.files, ...row.thumbs]);
    result.attachments += row.files.length;
    if (row.files.length < BATCH) break;
  }
  result.orphans = await removeOrphans(now);
  return result;
}

/** The keys in `keys` that a row (an attachment, or a user's avatar) still names. */
async function named(keys: string[]): Promise<Set<string>> {
  const rows = await query<{ key: string }>(
    `select k.key from json_array_elements_text($1::text::json) as k(key)
     cross join lateral (select substring(k.key from '^(?:files|thumbs|avatars)/([0-9a-f-]{36})') as id) as named
     where named.id is not null and (
       exists (select 1 from attachments a where a.id = named.id::uuid and (a.storage_key = k.key or a.thumbnail_key = k.key))
       or exists (select 1 from users u where k.key like 'avatars/%' and u.id = named.id::uuid
                  and u.avatar_url = '/api/users/' || u.id || '/avatar?v=' || replace(split_part(k.key, '/', 3), '.webp', ''))
     )`,
    [JSON.stringify(keys)],
  );
  return new Set(rows.map((r) => r.key));
}

async function removeOrphans(now: number): Promise<number> {
  const store = await storage();
  let removed = 0;
  for (const prefix of ['files/', 'thumbs/', 'avatars/']) {
    let batch: string[] = [];
    const flush = async () => {
      const keep = await named(batch);
      const orphans = batch.filter((k) => !keep.has(k));
      await removeObjects(orphans);
      removed += orphans.length;
      batch = [];
    };
    for await (const object of store.list(prefix)) {
      if (now - object.modifiedAt.getTime() < ORPHAN_GRACE_MS) continue;
      batch.push(object.key);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length) await flush();
  }
  return removed;
}

/** Sweeps now and then every FILE_SWEEP_SECONDS (an hour by default); once per process. */
export function startFileSweep(): void {
  startSweep('files', getConfig().files.sweepMs, sweepFiles, (swept) => (swept && swept.attachments + swept.orphans > 0 ? swept : null));
}
