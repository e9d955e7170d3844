'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError, type FieldErrors } from '@/lib/client/api';
import { validate } from '@/lib/client/validate';
import { passwordResetInput } from '@/lib/schemas/email';
import styles from './AuthForm.module.scss';

export function ResetPasswordForm({ token }: { token: string }) {
  const [fields, setFields] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(passwordResetInput, { token, newPassword: new FormData(event.currentTarget).get('newPassword') });
    setFields(checked.errors ?? {});
    setAlert(checked.errors?.token ? 'This link is not complete. Ask for a new one.' : null);
    if (!checked.data) return;
    setBusy(true);
    try {
      await api('/api/auth/password-reset', { method: 'POST', body: checked.data });
      setDone(true);
    } catch (e) {
      const fieldErrors = e instanceof ApiError ? e.fields : {};
      if (fieldErrors.token) setAlert('This link is not valid any more: it was used or it expired. Ask for a new one.');
      else if (Object.keys(fieldErrors).length) setFields(fieldErrors);
      else setAlert(e instanceof ApiError ? e.message : 'Could not change the password.');
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <>
        <h1 className={styles.title}>Password changed</h1>
        <div className={styles.notice} role="status">
          Your new password is set. You were signed out everywhere and your API tokens were revoked.
        </div>
        <p className={styles.footer}>
          <Link href="/login">Sign in</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1 className={styles.title}>Choose a new password</h1>
      <p className={styles.subtitle}>This signs you out everywhere and revokes your API tokens.</p>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {alert && (
          <div className={styles.alert} role="alert">
            {alert} <Link href="/forgot-password">Get a new link</Link>
          </div>
        )}
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          error={fields.newPassword}
          hint="At least 8 characters."
          autoFocus
        />
        <Button type="submit" full busy={busy}>
          {busy ? 'Saving…' : 'Set new password'}
        </Button>
      </form>
      <p className={styles.footer}>
        <Link href="/login">Back to sign in</Link>
      </p>
    </>
  );
}
