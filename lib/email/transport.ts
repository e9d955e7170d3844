// The one way mail leaves: a nodemailer transport made once per process from SMTP_URL. Callers
// hand over a finished message; only its message id is logged, never the address or its links.
import nodemailer, { type Transporter } from 'nodemailer';
import { getConfig } from '@/lib/config';
import { errors } from '@/lib/errors';
import { processSingleton } from '@/lib/singletons';

export type OutgoingEmail = { to: string; subject: string; text: string; html: string; headers?: Record<string, string> };

/** The email settings, or a 404 like any route that does not exist here: email is off without SMTP_URL. */
export function requireEmail(): NonNullable<ReturnType<typeof getConfig>['email']> & { appUrl: string } {
  const { email, appUrl } = getConfig();
  if (!email || !appUrl) throw errors.notFound('API endpoint');
  return { ...email, appUrl };
}

function transport(): Transporter {
  // SMTP_URL carries any credentials (smtp://user:pass@host:587); nodemailer parses them from it.
  return processSingleton('emailTransport', () => nodemailer.createTransport(requireEmail().smtpUrl));
}

/** Sends one message; resolves with its Message-ID, rejects when the SMTP server does not take it. */
export async function sendEmail(message: OutgoingEmail): Promise<string> {
  const info = await transport().sendMail({ from: requireEmail().from, ...message });
  return info.messageId;
}
