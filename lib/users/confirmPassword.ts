// Asking again for the password before what hands an account over: a new token, a new password,
// deletion. The row read with it carries the credential epoch the caller may write against.
import { eq } from 'drizzle-orm';
import { db } from '@/db/client';
import { users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { verifyPassword } from '@/lib/auth/password';
import type { CheckedUser } from '@/lib/auth/sessions';
import { AppError } from '@/lib/errors';

/** Checks the actor's password; a wrong one is a 400 on `field`. */
export async function confirmPassword(actor: Actor, password: string, field: string): Promise<CheckedUser> {
  const [row] = await db()
    .select({ id: users.id, hash: users.passwordHash, credentialsChangedAt: users.credentialsChangedAt })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!row || !(await verifyPassword(row.hash, password))) {
    throw new AppError('validation_failed', 'The password is wrong.', [{ path: field, message: 'That is not your password.' }]);
  }
  return { id: row.id, credentialsChangedAt: row.credentialsChangedAt };
}
