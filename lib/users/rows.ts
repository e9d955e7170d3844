// A user row as hand-written statements (`query` in db/client.ts) read it: the same UserRow the
// query builder gives, from columns aliased `u`.
import { isoTime } from '@/db/client';
import type { UserRow } from '@/db/schema';

export const userColumns = `u.id, u.username, u.display_name as "displayName", u.bio, u.avatar_url as "avatarUrl",
  u.password_hash as "passwordHash", ${isoTime('u.created_at')} as "createdAt", ${isoTime('u.updated_at')} as "updatedAt",
  ${isoTime('u.last_seen_at')} as "lastSeenAt"`;

export type RawUser = Omit<UserRow, 'createdAt' | 'updatedAt' | 'lastSeenAt'> & {
  createdAt: string;
  updatedAt: string;
  lastSeenAt: string | null;
};

export function toUserRow(r: RawUser): UserRow {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    bio: r.bio,
    avatarUrl: r.avatarUrl,
    passwordHash: r.passwordHash,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    lastSeenAt: r.lastSeenAt === null ? null : new Date(r.lastSeenAt),
  };
}
