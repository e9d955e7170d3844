// How a user is shown: PublicUser to everyone signed in, Me to its owner.
import { DND_FOREVER, type Account } from './rows';

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

/** Whether do not disturb holds at `now`. */
export function inDnd(row: Pick<Account, 'dndUntil'>, now = Date.now()): boolean {
  return row.dndUntil !== null && row.dndUntil.getTime() > now;
}

export function toMe(row: Account, online: boolean): Me {
  const dnd = inDnd(row);
  return {
    ...toPublicUser(row, online),
    updatedAt: row.updatedAt.toISOString(),
    email: row.email,
    pendingEmail: row.pendingEmail,
    emailNotifications: row.emailNotifications,
    dnd,
    dndUntil: dnd && row.dndUntil!.getTime() !== DND_FOREVER.getTime() ? row.dndUntil!.toISOString() : null,
  };
}
