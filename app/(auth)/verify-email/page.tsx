import type { Metadata } from 'next';
import { EmailLinkAction } from '@/components/auth/EmailLinkAction';
import { MissingToken } from '@/components/auth/MissingToken';
import styles from '@/components/auth/AuthForm.module.scss';
import { linkPageMetadata, linkPageToken } from '@/lib/email/pages';

export const metadata: Metadata = { title: 'Confirm email address', ...linkPageMetadata };

// Nothing happens on load: mail scanners open links. The button uses the token.
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = await linkPageToken(searchParams);
  if (!token) return <MissingToken title="Confirm email address" again={{ href: '/settings', label: 'Send a new link from Settings' }} />;
  return (
    <>
      <h1 className={styles.title}>Confirm email address</h1>
      <p className={styles.subtitle}>Use this address for password resets and missed-message emails.</p>
      <EmailLinkAction
        path="/api/auth/verify-email"
        body={{ token }}
        label="Confirm email address"
        busyLabel="Confirming…"
        done="Your email address is confirmed."
        invalid="This link is not valid any more: it was used or it expired. Send a new one from Settings."
        next={{ href: '/settings', label: 'Go to Settings' }}
      />
    </>
  );
}
