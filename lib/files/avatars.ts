// Avatars live on this server: an uploaded image becomes a 256 px square WebP, and `avatarUrl`
// names it with a version (`/api/users/:id/avatar?v=…`), so a new one is never served from a cache.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { db, query } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { AppError, errors } from '@/lib/errors';
import { AVATAR_BYTES } from '@/lib/http/bodyLimit';
import type { Me } from '@/lib/schemas/responses';
import { announceProfile } from '@/lib/users/announce';
import { makeAvatar } from './images';
import { incomingFile, Meter, metered } from './intake';
import { removeObjects } from './service';
import { avatarKey, storage } from './storage';
import type { FileToServe } from './service';

const AVATAR_PATH = /^\/api\/users\/([0-9a-f-]{36})\/avatar\?v=([a-z0-9]+)$/;

/** The storage key an avatar URL of ours names, or null. */
export function avatarKeyOf(avatarUrl: string | null): string | null {
  const m = avatarUrl ? AVATAR_PATH.exec(avatarUrl) : null;
  return m ? avatarKey(m[1], m[2]) : null;
}

/** Points the account at `avatarUrl`; `stored`, the new object, is removed again if that fails. */
async function swapAvatar(actor: Actor, avatarUrl: string | null, stored?: string): Promise<Me> {
  let swapped;
  try {
    swapped = await db().transaction(async (tx) => {
      const [old] = await tx.select({ avatarUrl: users.avatarUrl }).from(users).where(eq(users.id, actor.userId)).for('update');
      if (!old) throw errors.unauthenticated();
      const [updated] = await tx.update(users).set({ avatarUrl, updatedAt: new Date() }).where(eq(users.id, actor.userId)).returning();
      return { row: updated, previous: old.avatarUrl };
    });
  } catch (error) {
    if (stored) await removeObjects([stored]);
    throw error;
  }
  const { row, previous } = swapped;
  const stale = avatarKeyOf(previous);
  if (stale && previous !== avatarUrl) await removeObjects([stale]);
  return announceProfile(row);
}

/** Stores an uploaded image as the caller's avatar; 400 when it is not an image we can read. */
export async function setAvatar(actor: Actor, req: Request): Promise<Me> {
  const file = await incomingFile(req);
  const meter = metered(file, new Meter(AVATAR_BYTES, AVATAR_BYTES));
  meter.resume();
  await new Promise<void>((resolve, reject) => meter.once('end', resolve).once('error', reject));
  await file.finished;
  const webp = await makeAvatar(meter.whole() ?? Buffer.alloc(0));
  meter.release();
  if (!webp) {
    const message = 'That is not an image we can read (JPEG, PNG, WebP, GIF or AVIF).';
    throw new AppError('validation_failed', message, [{ path: 'file', message }]);
  }
  const version = randomBytes(8).toString('hex');
  const key = avatarKey(actor.userId, version);
  const store = await storage();
  await store.put(key, webp, 'image/webp');
  return swapAvatar(actor, `/api/users/${actor.userId}/avatar?v=${version}`, key);
}

export function removeAvatar(actor: Actor): Promise<Me> {
  return swapAvatar(actor, null);
}

/**
 * A user's avatar, to anyone signed in; 404 when they have none (or no longer exist). `fresh`:
 * whether `version` names the current one (only then may a cache keep it).
 */
export async function avatarToServe(userId: string, version: string | null): Promise<FileToServe & { fresh: boolean }> {
  const [row] = await query<{ avatarUrl: string | null }>(`select avatar_url as "avatarUrl" from users where id = $1::uuid`, [userId]);
  const key = avatarKeyOf(row?.avatarUrl ?? null);
  if (!key) throw errors.notFound('avatar');
  const store = await storage();
  const current = key.split('/')[2].replace('.webp', '');
  return {
    name: 'avatar.webp',
    contentType: 'image/webp',
    decodedImage: true,
    etag: `"${current}"`,
    size: null,
    open: (r) => store.get(key, r),
    fresh: version === current,
  };
}
