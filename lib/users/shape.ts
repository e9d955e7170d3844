// How a user is shown: PublicUser to everyone signed in, Me to its owner.
import type { UserRow } from '@/db/schema';
import { isOnline } from './presence';

import type { Me, PublicUser } from '@/lib/schemas/responses';

export type { Me, PublicUser };

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    bio: row.bio,
    avatarUrl: row.avatarUrl,
    createdAt: row.createdAt.toISOString(),
    online: isOnline(row.id),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  };
}

export function toMe(row: UserRow): Me {
  return { ...toPublicUser(row), updatedAt: row.updatedAt.toISOString() };
}
