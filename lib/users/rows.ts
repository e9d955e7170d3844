// A user as every request's actor carries it, read by hand-written statements (`query` in
// db/client.ts) from columns aliased `u`: the user row without its password hash, which only the
// password checks in lib/users/service.ts ever read.
import { isoTime, query, type Database } from '@/db/client';
import type { UserRow } from '@/db/schema';

/** A user row without the password hash. */
export type Account = Omit<UserRow, 'passwordHash'>;

export const userColumns = `u.id, u.username, u.display_name as "displayName", u.bio, u.avatar_url as "avatarUrl",
  ${isoTime('u.created_at')} as "createdAt", ${isoTime('u.updated_at')} as "updatedAt",
  ${isoTime('u.last_seen_at')} as "lastSeenAt", ${isoTime('u.credentials_changed_at')} as "credentialsChangedAt",
  u.email, ${isoTime('u.email_verified_at')} as "emailVerifiedAt", u.pending_email as "pendingEmail",
  u.email_notifications as "emailNotifications",
  case when u.dnd_until = 'infinity' then 'infinity' else ${isoTime('u.dnd_until')} end as "dndUntil"`;

/** `dnd_until = 'infinity'` (do not disturb until switched off) as a Date: the latest one there is. */
export const DND_FOREVER = new Date(8.64e15);

export type RawUser = Omit<Account, 'createdAt' | 'updatedAt' | 'lastSeenAt' | 'credentialsChangedAt' | 'emailVerifiedAt' | 'dndUntil'> & {
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string | null;
  credentialsChangedAt: string;
  emailVerifiedAt: string | null;
  dndUntil: string | null;
};

const dateOrNull = (iso: string | null) => (iso === null ? null : new Date(iso));

export function toAccount(r: RawUser): Account {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    bio: r.bio,
    avatarUrl: r.avatarUrl,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    lastSeenAt: dateOrNull(r.lastSeenAt),
    credentialsChangedAt: new Date(r.credentialsChangedAt),
    email: r.email,
    emailVerifiedAt: dateOrNull(r.emailVerifiedAt),
    pendingEmail: r.pendingEmail,
    emailNotifications: r.emailNotifications,
    dndUntil: r.dndUntil === 'infinity' ? DND_FOREVER : dateOrNull(r.dndUntil),
  };
}

/** One account by id, or null when it is gone. */
export async function findAccount(userId: string, db?: Database): Promise<Account | null> {
  const [row] = await query<RawUser>(`select ${userColumns} from users u where u.id = $1`, [userId], db);
  return row ? toAccount(row) : null;
}
