// How a user is shown: PublicUser to everyone signed in, Me to its owner.
import type { Account } from './rows';

import type { Me, PublicUser } from '@/lib/schemas/responses';

export type { Me, PublicUser };

/** `online` comes from presence (lib/presence/registry.ts), which may ask Redis. */
export function toPublicUser(row: Account, online: boolean): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    bio: row.bio,
    avatarUrl: row.avatarUrl,
    createdAt: row.createdAt.toISOString(),
    online,
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
  };
}

export function toMe(row: Account, online: boolean): Me {
  return { ...toPublicUser(row, online), updatedAt: row.updatedAt.toISOString() };
}
