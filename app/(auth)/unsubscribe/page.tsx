import type { Metadata } from 'next';
import { EmailLinkAction } from '@/components/auth/EmailLinkAction';
import { MissingToken } from '@/components/auth/MissingToken';
import styles from '@/components/auth/AuthForm.module.scss';
import { linkPageMetadata, linkPageToken } from '@/lib/email/pages';

export const metadata: Metadata = { title: 'Unsubscribe', ...linkPageMetadata };

// Nothing happens on load: mail scanners open links. The button unsubscribes (mail clients use the one-click POST).
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const token = await linkPageToken(searchParams);
  if (!token) return <MissingToken title="Unsubscribe" again={{ href: '/settings', label: 'Change email settings' }} />;
  return (
    <>
      <h1 className={styles.title}>Stop missed-message emails?</h1>
      <p className={styles.subtitle}>You will no longer get emails about messages you have not read. You can switch them back on in Settings.</p>
      <EmailLinkAction
        path={`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`}
        body={{}}
        label="Unsubscribe"
        busyLabel="Unsubscribing…"
        done="Done: no more missed-message emails."
        invalid="This unsubscribe link is not valid. You can switch emails off in Settings."
        next={{ href: '/settings', label: 'Email settings' }}
      />
    </>
  );
}
