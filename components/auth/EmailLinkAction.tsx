'use client';

import Link from 'next/link';
import { useState } from 'react';
import { Button } from '@/components/ui/Button';
import { api, ApiError } from '@/lib/client/api';
import styles from './AuthForm.module.scss';

type Props = {
  /** The API call the button makes: a POST, never on page load (mail scanners open links). */
  path: string;
  body: unknown;
  label: string;
  busyLabel: string;
  done: string;
  /** Said when the token is refused (400 on `token`). */
  invalid: string;
  next: { href: string; label: string };
};

/** The one button of a page an emailed link opens: it uses the link's token when pressed. */
export function EmailLinkAction({ path, body, label, busyLabel, done, invalid, next }: Props) {
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [alert, setAlert] = useState<string | null>(null);

  async function run() {
    setState('busy');
    setAlert(null);
    try {
      await api(path, { method: 'POST', body });
      setState('done');
    } catch (e) {
      setAlert(e instanceof ApiError ? (e.fields.token ? invalid : e.message) : 'Something went wrong.');
      setState('idle');
    }
  }

  return (
    <>
      <div className={styles.form}>
        {state === 'done' ? (
          <div className={styles.notice} role="status">
            {done}
          </div>
        ) : (
          <>
            {alert && (
              <div className={styles.alert} role="alert">
                {alert}
              </div>
            )}
            <Button type="button" full busy={state === 'busy'} onClick={run}>
              {state === 'busy' ? busyLabel : label}
            </Button>
          </>
        )}
      </div>
      <p className={styles.footer}>
        <Link href={next.href}>{next.label}</Link>
      </p>
    </>
  );
}
