'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError, type FieldErrors } from '@/lib/client/api';
import { validate } from '@/lib/client/validate';
import { passwordResetRequestInput } from '@/lib/schemas/email';
import styles from './AuthForm.module.scss';

/** Asks for a reset link. The answer is the same whether or not the account exists, and so is what this says. */
export function ForgotPasswordForm() {
  const [fields, setFields] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(passwordResetRequestInput, { login: new FormData(event.currentTarget).get('login') });
    setFields(checked.errors ?? {});
    setAlert(null);
    if (!checked.data) return;
    setBusy(true);
    try {
      await api('/api/auth/password-reset/request', { method: 'POST', body: checked.data });
      setSent(true);
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setFields(e.fields);
      else setAlert(e instanceof ApiError ? e.message : 'Could not send the request.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 className={styles.title}>Forgot your password?</h1>
      <p className={styles.subtitle}>
        Enter your username or email address. If the account has a verified address, we send it a link to choose a new password.
      </p>
      {sent ? (
        <div className={styles.notice} role="status">
          Check your inbox. If that account has a verified email address, a link is on its way; it works once, for one hour.
        </div>
      ) : (
        <form className={styles.form} onSubmit={onSubmit} noValidate>
          {alert && (
            <div className={styles.alert} role="alert">
              {alert}
            </div>
          )}
          <Field label="Username or email" name="login" autoComplete="username" autoCapitalize="none" error={fields.login} autoFocus />
          <Button type="submit" full busy={busy}>
            {busy ? 'Sending…' : 'Send reset link'}
          </Button>
        </form>
      )}
      <p className={styles.footer}>
        Remembered it? <Link href="/login">Sign in</Link>
      </p>
    </>
  );
}
