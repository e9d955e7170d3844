// Accounts and profiles: register, sign in, edit, change password, delete, find people.
import { and, asc, eq, gt, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { db, type Database, type Transaction } from '@/db/client';
import { users, type UserRow } from '@/db/schema';
import { refusePersonalToken, type Actor } from '@/lib/auth/actor';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { carrySessionOver, createApiSession, deleteOtherSessions } from '@/lib/auth/sessions';
import { leaveAllConversations } from '@/lib/conversations/service';
import { raise } from '@/lib/events/bus';
import { announceProfile } from './announce';
import { avatarKeyOf } from '@/lib/files/avatars';
import { removeObjects } from '@/lib/files/service';
import { AppError, errors, isAppError, isUniqueViolation } from '@/lib/errors';
import { cursorParts, readCursor, toPage } from '@/lib/pagination';
import type { Page } from '@/lib/schemas/common';
import type { RegisterInput, UpdateProfileInput } from '@/lib/schemas/users';
import { isOnline, onlineAmong } from '@/lib/presence/registry';
import { deleteAllTokens } from '@/lib/tokens/service';
import { confirmPassword } from './confirmPassword';
import { findAccount } from './rows';
import { toMe, toPublicUser, type Me, type PublicUser } from './shape';

const lowerUsername = sql<string>`lower(${users.username})`;

export async function registerUser(input: RegisterInput): Promise<Me> {
  const passwordHash = await hashPassword(input.password);
  try {
    const [row] = await db()
      .insert(users)
      .values({ username: input.username, displayName: input.displayName ?? input.username, passwordHash })
      .returning();
    return toMe(row, false);
  } catch (e) {
    if (isUniqueViolation(e)) throw errors.conflict('That username is taken.');
    throw e;
  }
}

export class WrongCredentials extends AppError {
  constructor() {
    super('unauthenticated', 'Wrong username or password.');
  }
}

/** The sign-in rate limit counts attempts per username and client IP. */
export function signInLimitKey(username: string, clientIp: string): string {
  return `${username.trim().toLowerCase()}|${clientIp}`;
}

/** Checks a username and password. An unknown username and a wrong password take the same time and give the same error. */
export async function checkCredentials(username: string, password: string): Promise<UserRow> {
  const [row] = await db().select().from(users).where(eq(lowerUsername, username.trim().toLowerCase())).limit(1);
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!row || !ok) throw new WrongCredentials();
  return row;
}

/** A script signs in: the password checked, a bearer session made (unless the password changed meanwhile). */
export async function signInForToken(username: string, password: string): Promise<{ token: string; expiresAt: string; user: Me }> {
  const user = await checkCredentials(username, password);
  // Refused when the password changed since it was checked: the answer of a wrong password.
  const { token, expiresAt } = await createApiSession(user).catch((error: unknown) => {
    throw isAppError(error) && error.code === 'unauthenticated' ? new WrongCredentials() : error;
  });
  return { token, expiresAt: expiresAt.toISOString(), user: toMe(user, await isOnline(user.id)) };
}

export async function getMe(actor: Actor): Promise<Me> {
  return toMe(actor.user, await isOnline(actor.userId));
}

/** Profile fields (announced to contacts) and the person's own settings (do not disturb, email), in one update. */
export async function updateProfile(actor: Actor, input: UpdateProfileInput): Promise<Me> {
  const { dnd, dndUntil, emailNotifications, ...profile } = input;
  const [row] = await db()
    .update(users)
    .set({
      ...profile,
      ...(dnd !== undefined && { dndUntil: dnd ? sql`'infinity'::timestamptz` : null }),
      ...(dndUntil !== undefined && { dndUntil: new Date(dndUntil) }),
      ...(emailNotifications !== undefined && { emailNotifications }),
      updatedAt: new Date(),
    })
    .where(eq(users.id, actor.userId))
    .returning({ id: users.id });
  if (!row) throw errors.unauthenticated();
  const account = await findAccount(actor.userId);
  if (!account) throw errors.unauthenticated();
  return Object.keys(profile).length > 0 ? announceProfile(account) : toMe(account, await isOnline(actor.userId));
}

/**
 * Writes a new password hash and moves the credential epoch inside the caller's transaction, so no
 * session and no personal access token made before it works any more, even one a racing sign-in
 * writes after this; their rows go. The session named by `keepSessionId` (the one that proved the
 * password) carries on under the new epoch. Returns what was revoked: the caller raises
 * `credentials.revoked` with it once the transaction has committed, so their sockets go.
 * Shared by a password change and a password reset by email.
 */
export async function replacePassword(
  tx: Database | Transaction,
  userId: string,
  passwordHash: string,
  keepSessionId?: string,
): Promise<{ sessionIds: string[]; tokenIds: string[] }> {
  // clock_timestamp, not the transaction's start: a sign-in this update waited for (its FOR SHARE) must come before the epoch.
  const [row] = await tx
    .update(users)
    .set({ passwordHash, credentialsChangedAt: sql`clock_timestamp()`, updatedAt: new Date() })
    .where(eq(users.id, userId))
    .returning({ epoch: users.credentialsChangedAt });
  if (!row) throw errors.unauthenticated();
  if (keepSessionId) await carrySessionOver(tx, keepSessionId, row.epoch);
  return { sessionIds: await deleteOtherSessions(tx, userId, keepSessionId), tokenIds: await deleteAllTokens(tx, userId) };
}

/**
 * Changes the password (replacePassword): every other session and every token is revoked; the
 * session making the change carries on. A personal access token may not do it: a leaked one must
 * not be able to lock its owner out.
 */
export async function changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
  refusePersonalToken(actor, 'change the password');
  await confirmPassword(actor, currentPassword, 'currentPassword');
  const passwordHash = await hashPassword(newPassword);
  const revoked = await db().transaction((tx) => replacePassword(tx, actor.userId, passwordHash, actor.sessionId));
  raise('credentials.revoked', revoked);
}

/**
 * Deletes the account: sessions, tokens and memberships go with it (cascade); messages stay
 * with a null sender; the username is free again. Not with a personal access token.
 */
export async function deleteAccount(actor: Actor, password: string): Promise<void> {
  refusePersonalToken(actor, 'delete the account');
  await confirmPassword(actor, password, 'password');
  const { announceLeaving, avatarUrl } = await db().transaction(async (tx) => {
    const left = await leaveAllConversations(tx, actor.userId);
    const [gone] = await tx.delete(users).where(eq(users.id, actor.userId)).returning({ avatarUrl: users.avatarUrl });
    return { announceLeaving: left, avatarUrl: gone?.avatarUrl ?? null };
  });
  raise('credentials.revoked', { userIds: [actor.userId] });
  announceLeaving();
  // Its avatar goes with it (the file sweep would find it otherwise, an hour on).
  const avatar = avatarKeyOf(avatarUrl);
  if (avatar) await removeObjects([avatar]);
}

export async function getUser(userId: string): Promise<PublicUser> {
  const [row] = await db().select().from(users).where(eq(users.id, userId)).limit(1);
  if (!row) throw errors.notFound('user');
  return toPublicUser(row, await isOnline(row.id));
}

function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** People by username, optionally those whose username or display name contains `q`. */
const nameCursor = z.tuple([cursorParts.name]);

export async function searchUsers(query: { q?: string; limit: number; cursor?: string }): Promise<Page<PublicUser>> {
  const after = readCursor(nameCursor, query.cursor)?.[0];
  const q = query.q?.trim();
  const rows = await db()
    .select()
    .from(users)
    .where(
      and(
        q ? or(ilike(users.username, likePattern(q)), ilike(users.displayName, likePattern(q))) : undefined,
        after !== undefined ? gt(lowerUsername, after) : undefined,
      ),
    )
    .orderBy(asc(lowerUsername))
    .limit(query.limit + 1);
  const page = toPage(rows, query.limit, (last) => [last.username.toLowerCase()]);
  const online = await onlineAmong(page.items.map((row) => row.id));
  return { items: page.items.map((row) => toPublicUser(row, online.has(row.id))), nextCursor: page.nextCursor };
}
