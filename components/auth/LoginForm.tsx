'use client';

import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import type { FieldErrors } from '@/lib/client/api';
import { signInErrorMessage } from '@/lib/auth/signInErrors';
import { validate } from '@/lib/client/validate';
import { signInInput } from '@/lib/schemas/users';
import styles from './AuthForm.module.scss';

/** `canResetPassword`: this server sends email (GET /api/server `email`), so a forgotten password can be reset. */
export function LoginForm({ callbackUrl, canResetPassword = false }: { callbackUrl: string; canResetPassword?: boolean }) {
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = validate(signInInput, { username: form.get('username'), password: form.get('password') });
    setFields(checked.errors ?? {});
    setAlert(null);
    if (!checked.data) return;
    setBusy(true);
    try {
      const result = await signIn('credentials', { ...checked.data, redirect: false });
      if (!result || result.error) {
        setAlert(signInErrorMessage(result?.error ?? ''));
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch {
      setAlert('Could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 className={styles.title}>Sign in</h1>
      <p className={styles.subtitle}>Welcome back.</p>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {alert && (
          <div className={styles.alert} role="alert">
            {alert}
          </div>
        )}
        <Field label="Username" name="username" autoComplete="username" autoCapitalize="none" error={fields.username} autoFocus />
        <Field label="Password" name="password" type="password" autoComplete="current-password" error={fields.password} />
        {canResetPassword && (
          <p className={styles.actions}>
            <Link href="/forgot-password">Forgot password?</Link>
          </p>
        )}
        <Button type="submit" full busy={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
      <p className={styles.footer}>
        New here? <Link href={`/register?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Create an account</Link>
      </p>
    </>
  );
}
