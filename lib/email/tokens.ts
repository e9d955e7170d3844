// The secrets in emailed links. A verification or reset link carries a random token stored only
// as its SHA-256 hash in email_tokens, valid an hour, used once (the row is marked in the same
// statement that checks it, so two clicks cannot both pass). An unsubscribe link carries an HMAC
// of the user id under AUTH_SECRET: it needs no row and keeps working, as List-Unsubscribe must.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { query, type Database, type Transaction } from '@/db/client';
import { hashSecret } from '@/lib/auth/secrets';
import { getConfig } from '@/lib/config';
import { AppError } from '@/lib/errors';
import { id } from '@/lib/schemas/common';

export type EmailTokenPurpose = 'verify_email' | 'reset_password';

export const EMAIL_LINK_MS = 60 * 60 * 1000;

/** `che_` marks an email-link secret, as `chs_`/`chp_` mark bearer secrets (the log audit looks for all three). */
export const EMAIL_TOKEN_PREFIX = 'che_';

/**
 * A new link for `userId`; the unused links of the same purpose stop working, so only the newest
 * one sent can be used. Runs on the caller's transaction when given.
 */
export async function issueEmailToken(userId: string, purpose: EmailTokenPurpose, email: string | null, within?: Database | Transaction): Promise<string> {
  const token = EMAIL_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  await query(
    `with retired as (
       update email_tokens set used_at = now() where user_id = $1::uuid and purpose = $2::email_token_purpose and used_at is null
     )
     insert into email_tokens (user_id, purpose, token_hash, email, expires_at)
     values ($1::uuid, $2::email_token_purpose, $3, $4, now() + make_interval(secs => $5::float8))`,
    [userId, purpose, hashSecret(token), email, EMAIL_LINK_MS / 1000],
    within,
  );
  return token;
}

export function invalidLink(): AppError {
  return new AppError('validation_failed', 'This link is not valid any more: it was used, it expired, or it is not one of ours.', [
    { path: 'token', message: 'Used, expired or unknown. Ask for a new link.' },
  ]);
}

/**
 * Marks the link used and returns whom it was for; a used, expired or unknown one is the 400 on
 * `token`. Inside the caller's transaction, so what the link does commits with its use.
 */
export async function useEmailToken(
  token: string,
  purpose: EmailTokenPurpose,
  within: Database | Transaction,
): Promise<{ userId: string; email: string | null }> {
  const [row] = await query<{ userId: string; email: string | null }>(
    `update email_tokens set used_at = now()
     where token_hash = $1 and purpose = $2::email_token_purpose and used_at is null and expires_at > now()
     returning user_id as "userId", email`,
    [hashSecret(token), purpose],
    within,
  );
  if (!row) throw invalidLink();
  return row;
}

/** Whether the link could be used now, without using it (a reset checks it before hashing the new password). */
export async function emailTokenUsable(token: string, purpose: EmailTokenPurpose): Promise<boolean> {
  const rows = await query(
    `select 1 from email_tokens where token_hash = $1 and purpose = $2::email_token_purpose and used_at is null and expires_at > now()`,
    [hashSecret(token), purpose],
  );
  return rows.length > 0;
}

function unsubscribeMac(userId: string): Buffer {
  return createHmac('sha256', getConfig().authSecret).update(`relay:unsubscribe:${userId}`).digest();
}

/** `<user id>.<HMAC>`: whoever holds it may switch that person's email notifications off, and nothing else. */
export function unsubscribeToken(userId: string): string {
  return `${userId}.${unsubscribeMac(userId).toString('base64url')}`;
}

/** The user an unsubscribe token names, or null when it is not one we made. */
export function readUnsubscribeToken(token: string): string | null {
  const [userId, mac, extra] = token.split('.');
  if (extra !== undefined || !mac || !id.safeParse(userId).success) return null;
  const given = Buffer.from(mac, 'base64url');
  const expected = unsubscribeMac(userId);
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}
