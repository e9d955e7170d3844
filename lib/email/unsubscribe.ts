// The unsubscribe link of a missed-messages email: no sign-in, the HMAC token names whose
// email notifications to switch off (lib/email/tokens.ts). Owed digests go with it.
import { query } from '@/db/client';
import { AppError } from '@/lib/errors';
import { readUnsubscribeToken } from './tokens';
import { requireEmail } from './transport';

export async function unsubscribe(token: string): Promise<void> {
  requireEmail();
  const userId = readUnsubscribeToken(token);
  if (!userId) throw new AppError('validation_failed', 'This unsubscribe link is not valid.', [{ path: 'token', message: 'Not a link we sent.' }]);
  // An account deleted since is unsubscribed already: the same answer, nothing to change.
  await query(
    `with off as (update users set email_notifications = false, updated_at = now() where id = $1::uuid)
     delete from email_digests where user_id = $1::uuid`,
    [userId],
  );
}
