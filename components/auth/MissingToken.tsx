import Link from 'next/link';
import styles from './AuthForm.module.scss';

/** A link page opened without its token (cut off by a mail client, typed by hand). */
export function MissingToken({ title, again }: { title: string; again: { href: string; label: string } }) {
  return (
    <>
      <h1 className={styles.title}>{title}</h1>
      <div className={styles.alert} role="alert">
        This link is incomplete. Open the whole link from the email, or get a new one.
      </div>
      <p className={styles.footer}>
        <Link href={again.href}>{again.label}</Link>
      </p>
    </>
  );
}
