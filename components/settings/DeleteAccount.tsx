'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError, type FieldErrors } from '@/lib/client/api';
import { validate } from '@/lib/client/validate';
import { deleteAccountInput } from '@/lib/schemas/users';
import styles from './Settings.module.scss';

export function DeleteAccount() {
  const [confirming, setConfirming] = useState(false);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(deleteAccountInput, { password: new FormData(event.currentTarget).get('password') });
    setFields(checked.errors ?? {});
    if (!checked.data) return;
    setBusy(true);
    setMessage('');
    try {
      await api('/api/users/me', { method: 'DELETE', body: checked.data });
      window.location.assign('/login');
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setFields(e.fields);
      else setMessage(e instanceof ApiError ? e.message : 'Could not delete the account.');
      setBusy(false);
    }
  }

  if (!confirming) {
    return (
      <div className={styles.actions}>
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Delete account…
        </Button>
      </div>
    );
  }
  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Delete account">
      <Field
        label="Your password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={fields.password}
        autoFocus
        hint="This cannot be undone."
      />
      <div className={styles.actions}>
        <Button type="submit" variant="danger" busy={busy}>
          {busy ? 'Deleting…' : 'Delete my account'}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
          Cancel
        </Button>
        {message && (
          <span className={styles.failed} role="alert">
            {message}
          </span>
        )}
      </div>
    </form>
  );
}
