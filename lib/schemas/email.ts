// Request schemas of the email features: an address to verify, the links' tokens, a password reset.
import { z } from 'zod';
import { text } from './common';
import { password } from './users';

/**
 * An address as we store and compare it: trimmed and lower-cased, at most 254 characters, and of
 * the plain shape `z.regexes.email` allows (no quotes, brackets, spaces or line breaks, so nothing
 * in it can reach a mail header as anything but an address).
 */
export const emailAddress = text()
  .trim()
  .toLowerCase()
  .min(1, { message: 'Enter an email address.', abort: true })
  .max(254, 'Use at most 254 characters.')
  .regex(z.regexes.email, 'Enter an email address like ada@example.com.');

/** The secret of a link sent by email (lib/email/tokens.ts): opaque to clients. */
export const emailLinkToken = text().trim().min(1, 'The link is missing its token.').max(200, 'The link is not valid.');

export const setEmailInput = z.object({ email: emailAddress }).strict();

export const verifyEmailInput = z.object({ token: emailLinkToken }).strict();

export const passwordResetRequestInput = z
  .object({
    login: text()
      .normalize('NFKC')
      .trim()
      .min(1, 'Enter your username or email address.')
      .max(254, 'No account has a username or address like that.')
      .meta({ description: 'Your username or your verified email address.' }),
  })
  .strict();

export const passwordResetInput = z.object({ token: emailLinkToken, newPassword: password }).strict();

export const unsubscribeQuery = z.object({ token: emailLinkToken.meta({ description: 'From the unsubscribe link of a missed-messages email.' }) });

export type PasswordResetInput = z.infer<typeof passwordResetInput>;
