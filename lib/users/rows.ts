// A user as every request's actor carries it, read by hand-written statements (`query` in
// db/client.ts) from columns aliased `u`: the user row without its password hash, which only the
// password checks in lib/users/service.ts ever read.
import { isoTime } from '@/db/client';
import type { UserRow } from '@/db/schema';

/** A user row without the password hash. */
export type Account = Omit<UserRow, 'passwordHash'>;

export const userColumns = `u.id, u.username, u.display_name as "displayName", u.bio, u.avatar_url as "avatarUrl",
  ${isoTime('u.created_at')} as "createdAt", ${isoTime('u.updated_at')} as "updatedAt",
  ${isoTime('u.last_seen_at')} as "lastSeenAt", ${isoTime('u.credentials_changed_at')} as "credentialsChangedAt"`;

export type RawUser = Omit<Account, 'createdAt' | 'updatedAt' | 'lastSeenAt' | 'credentialsChangedAt'> & {
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string | null;
  credentialsChangedAt: string;
};

export function toAccount(r: RawUser): Account {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    bio: r.bio,
    avatarUrl: r.avatarUrl,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    lastSeenAt: r.lastSeenAt === null ? null : new Date(r.lastSeenAt),
    credentialsChangedAt: new Date(r.credentialsChangedAt),
  };
}
