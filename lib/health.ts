// Whether the service can do its work: the database answers within a second.
import { sql } from 'drizzle-orm';
import { db } from '@/db/client';

export async function checkHealth(): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 1000).unref());
  const probe = db()
    .execute(sql`select 1`)
    .then(() => true)
    .catch(() => false);
  return Promise.race([probe, timeout]);
}
