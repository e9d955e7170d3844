'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError, type FieldErrors } from '@/lib/client/api';
import { validate } from '@/lib/client/validate';
import { setEmailInput } from '@/lib/schemas/email';
import type { Me } from '@/lib/users/shape';
import settings from './Settings.module.scss';
import styles from './EmailSettings.module.scss';

type Status = { kind: 'idle' | 'busy' } | { kind: 'done' | 'failed'; text: string };

/** Your address (verified, or waiting for its link), and whether missed messages are emailed to it. */
export function EmailSettings({ me }: { me: Me }) {
  const [user, setUser] = useState(me);
  const [fields, setFields] = useState<FieldErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function change(run: () => Promise<{ user: Me }>, done: string, fallback: string) {
    setStatus({ kind: 'busy' });
    try {
      setUser((await run()).user);
      setStatus({ kind: 'done', text: done });
      return true;
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setFields(e.fields);
      setStatus({ kind: 'failed', text: e instanceof ApiError ? e.message : fallback });
      return false;
    }
  }

  const sendLink = (email: string) =>
    change(() => api('/api/users/me/email', { method: 'PUT', body: { email } }), `A confirmation link is on its way to ${email}.`, 'Could not send the link.');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const checked = validate(setEmailInput, { email: new FormData(formElement).get('email') });
    setFields(checked.errors ?? {});
    if (!checked.data) return;
    if (await sendLink(checked.data.email)) formElement.reset();
  }

  const busy = status.kind === 'busy';
  return (
    <div className={settings.form}>
      {user.email && (
        <p className={styles.address}>
          <span className={styles.label}>Your address</span>
          <span className={styles.value}>{user.email}</span>
          <span className={styles.verified}>Verified</span>
        </p>
      )}
      {user.pendingEmail && (
        <div className={styles.pending}>
          <p className={styles.address}>
            <span className={styles.label}>Waiting for confirmation</span>
            <span className={styles.value}>{user.pendingEmail}</span>
          </p>
          <p className={settings.note}>Open the link we sent to it (it works for one hour).</p>
          <div className={settings.actions}>
            <Button type="button" variant="secondary" size="small" disabled={busy} onClick={() => sendLink(user.pendingEmail!)}>
              Resend link
            </Button>
          </div>
        </div>
      )}
      <form className={settings.form} onSubmit={onSubmit} noValidate aria-label="Email address">
        <Field
          label={user.email || user.pendingEmail ? 'New email address' : 'Email address'}
          name="email"
          type="email"
          autoComplete="email"
          error={fields.email}
          hint="We send a link to confirm it. Used for password resets and missed-message emails."
        />
        <div className={settings.actions}>
          <Button type="submit" busy={busy}>
            {user.email || user.pendingEmail ? 'Change address' : 'Add address'}
          </Button>
          {(user.email || user.pendingEmail) && (
            <Button
              type="button"
              variant="ghost"
              disabled={busy}
              onClick={() => change(() => api('/api/users/me/email', { method: 'DELETE' }), 'Your email address was removed.', 'Could not remove it.')}
            >
              Remove address
            </Button>
          )}
        </div>
      </form>
      <label className={styles.switchRow}>
        <input
          type="checkbox"
          role="switch"
          className={styles.switch}
          checked={user.emailNotifications}
          disabled={busy}
          aria-describedby="email-notifications-note"
          onChange={(event) =>
            change(
              () => api('/api/users/me', { method: 'PATCH', body: { emailNotifications: event.target.checked } }),
              event.target.checked ? 'Missed-message emails are on.' : 'Missed-message emails are off.',
              'Could not save.',
            )
          }
        />
        <span className={styles.switchText}>
          <span className={styles.switchLabel}>Email me about missed messages</span>
          <span id="email-notifications-note" className={settings.note}>
            {user.email ? 'A few minutes after a message you have not read, one email for all of them.' : 'Needs a verified address.'}
          </span>
        </span>
      </label>
      <p aria-live="polite" className={styles.status}>
        {status.kind === 'done' && <span className={settings.saved}>{status.text}</span>}
        {status.kind === 'failed' && <span className={settings.failed}>{status.text}</span>}
      </p>
    </div>
  );
}
