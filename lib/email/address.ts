// A person's email address: a new one waits in pending_email until the link sent to it is used;
// only then does it become `email` (unique without regard to case), the address resets and
// missed-message emails go to. Not with a personal access token: a leaked one could otherwise
// point the account at its holder's address and take it over through a password reset.
import { db, query } from '@/db/client';
import { getConfig } from '@/lib/config';
import { refusePersonalToken, type Actor } from '@/lib/auth/actor';
import { AppError, errors, isUniqueViolation } from '@/lib/errors';
import { describeError, log } from '@/lib/log';
import { isOnline } from '@/lib/presence/registry';
import { findAccount } from '@/lib/users/rows';
import { toMe, type Me } from '@/lib/users/shape';
import { verifyEmailTemplate } from './templates';
import { issueEmailToken, useEmailToken } from './tokens';
import { requireEmail, sendEmail } from './transport';

async function me(userId: string): Promise<Me> {
  const account = await findAccount(userId);
  if (!account) throw errors.unauthenticated();
  return toMe(account, await isOnline(userId));
}

/** Sets the pending address and sends it a verification link (asking again for the same address resends it). */
export async function setPendingEmail(actor: Actor, email: string): Promise<Me> {
  refusePersonalToken(actor, 'change the email address');
  const { appUrl } = requireEmail();
  if (actor.user.email === email) {
    throw new AppError('validation_failed', 'That is already your address.', [{ path: 'email', message: 'That is already your verified address.' }]);
  }
  const token = await db().transaction(async (tx) => {
    const [row] = await query<{ id: string }>(
      `update users set pending_email = $2, updated_at = now() where id = $1::uuid returning id`,
      [actor.userId, email],
      tx,
    );
    if (!row) throw errors.unauthenticated();
    return issueEmailToken(actor.userId, 'verify_email', email, tx);
  });
  const link = `${appUrl}/verify-email?token=${encodeURIComponent(token)}`;
  try {
    const messageId = await sendEmail({ to: email, ...verifyEmailTemplate({ instance: getConfig().instanceName, name: actor.user.displayName, link }) });
    log.info('verification email sent', { userId: actor.userId, messageId });
  } catch (error) {
    log.warn('verification email failed', { userId: actor.userId, error: describeError(error) });
    throw new AppError('unavailable', 'The email could not be sent just now. Try again in a moment.', undefined, 5);
  }
  return me(actor.userId);
}

/** Removes both the verified and the pending address; unused verification links stop working, and no digest is owed any more. */
export async function removeEmail(actor: Actor): Promise<Me> {
  refusePersonalToken(actor, 'change the email address');
  requireEmail();
  await db().transaction(async (tx) => {
    await query(`update users set email = null, email_verified_at = null, pending_email = null, updated_at = now() where id = $1::uuid`, [actor.userId], tx);
    await query(`update email_tokens set used_at = now() where user_id = $1::uuid and purpose = 'verify_email' and used_at is null`, [actor.userId], tx);
    await query(`delete from email_digests where user_id = $1::uuid`, [actor.userId], tx);
  });
  return me(actor.userId);
}

/**
 * Uses a verification link: its address becomes the account's verified one. 400 when the link is
 * used, expired or unknown; 409 when another account verified that address meanwhile.
 */
export async function verifyEmail(token: string): Promise<void> {
  requireEmail();
  try {
    await db().transaction(async (tx) => {
      const { userId, email } = await useEmailToken(token, 'verify_email', tx);
      await query(
        `update users set email = $2, email_verified_at = now(), updated_at = now(),
           pending_email = case when lower(pending_email) = lower($2) then null else pending_email end
         where id = $1::uuid`,
        [userId, email],
        tx,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw errors.conflict('Another account has verified that address meanwhile.');
    throw error;
  }
}
