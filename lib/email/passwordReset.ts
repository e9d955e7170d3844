// Forgotten passwords: a link to the account's verified address, and the new password it sets.
// The request is answered before anything is looked up: the lookup and the sending run after the
// answer, so its body and its timing are the same whether the account exists, has an address or not.
import { db, query } from '@/db/client';
import { hashPassword } from '@/lib/auth/password';
import { getConfig } from '@/lib/config';
import { raise } from '@/lib/events/bus';
import { describeError, log } from '@/lib/log';
import { replacePassword } from '@/lib/users/service';
import { resetPasswordTemplate } from './templates';
import { emailTokenUsable, invalidLink, issueEmailToken, useEmailToken } from './tokens';
import { requireEmail, sendEmail } from './transport';

/** The one answer of a reset request, whatever happened. */
export const resetRequested = { accepted: true } as const;

/**
 * Starts the reset of the account named by `login` (its username, or its verified address) and
 * returns at once. The caller has counted the request against the limits.
 */
export function requestPasswordReset(login: string): void {
  requireEmail();
  void sendResetLink(login).catch((error) => log.warn('password reset email failed', { error: describeError(error) }));
}

async function sendResetLink(login: string): Promise<void> {
  const { appUrl } = requireEmail();
  const [user] = await query<{ id: string; username: string; email: string }>(
    `select id, username, email from users
     where email is not null and (lower(username) = lower($1) or lower(email) = lower($1))
     limit 1`,
    [login],
  );
  // Nobody to write to: nothing happens, and the answer already given said nothing of it.
  if (!user) return;
  const token = await issueEmailToken(user.id, 'reset_password', null);
  const link = `${appUrl}/reset-password?token=${encodeURIComponent(token)}`;
  const messageId = await sendEmail({ to: user.email, ...resetPasswordTemplate({ instance: getConfig().instanceName, username: user.username, link }) });
  log.info('password reset email sent', { userId: user.id, messageId });
}

/**
 * Sets a new password with a reset link: the link is used up and every session and token of the
 * account is revoked (the credential epoch moves), so whoever was signed in is signed out.
 */
export async function resetPassword(token: string, newPassword: string): Promise<void> {
  requireEmail();
  // Checked before the (deliberately slow) hash, so made-up tokens cost nothing; used for real below.
  if (!(await emailTokenUsable(token, 'reset_password'))) throw invalidLink();
  const passwordHash = await hashPassword(newPassword);
  const { userId, revoked } = await db().transaction(async (tx) => {
    const { userId } = await useEmailToken(token, 'reset_password', tx);
    return { userId, revoked: await replacePassword(tx, userId, passwordHash) };
  });
  // Every socket of the account goes, whatever signed it in: the reset is for someone locked out.
  raise('credentials.revoked', { ...revoked, userIds: [userId] });
  log.info('password reset', { userId });
}
