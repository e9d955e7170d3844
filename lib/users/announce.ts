// A profile change (name, bio, avatar) told to everyone who shares a conversation with its owner.
import { raise } from '@/lib/events/bus';
import { contactsOf } from '@/lib/presence/service';
import { isOnline } from '@/lib/presence/registry';
import type { Account } from './rows';
import { toMe, toPublicUser, type Me } from './shape';

/** Raises `user.updated` for the changed account and answers it as its owner sees it. */
export async function announceProfile(row: Account): Promise<Me> {
  const online = await isOnline(row.id);
  raise('user.updated', { user: toPublicUser(row, online), contactIds: await contactsOf(row.id) });
  return toMe(row, online);
}
