'use client';

import Link from 'next/link';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError, type FieldErrors } from '@/lib/client/api';
import { signInErrorMessage } from '@/lib/auth/signInErrors';
import { validate } from '@/lib/client/validate';
import { registerInput } from '@/lib/schemas/users';
import styles from './AuthForm.module.scss';

export function RegisterForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [fields, setFields] = useState<FieldErrors>({});
  const [alert, setAlert] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const displayName = String(form.get('displayName') ?? '').trim();
    const checked = validate(registerInput, {
      username: form.get('username'),
      password: form.get('password'),
      displayName: displayName || undefined,
    });
    setFields(checked.errors ?? {});
    setAlert(null);
    if (!checked.data) return;
    setBusy(true);
    try {
      await api('/api/auth/register', { method: 'POST', body: checked.data });
      const result = await signIn('credentials', { username: checked.data.username, password: checked.data.password, redirect: false });
      if (!result || result.error) {
        setAlert(`Your account is ready, but signing in failed: ${signInErrorMessage(result?.error ?? '')}`);
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.code === 'conflict') setFields({ username: e.message });
        else if (Object.keys(e.fields).length) setFields(e.fields);
        else setAlert(e.message);
      } else setAlert('Could not create the account. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1 className={styles.title}>Create your account</h1>
      <p className={styles.subtitle}>Pick a username people can find you by.</p>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        {alert && (
          <div className={styles.alert} role="alert">
            {alert}
          </div>
        )}
        <Field
          label="Username"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          hint="3–32 letters, digits, “_”, “.” or “-”."
          error={fields.username}
          autoFocus
        />
        <Field label="Display name" name="displayName" autoComplete="name" hint="Optional. Shown next to your messages." error={fields.displayName} />
        <Field label="Password" name="password" type="password" autoComplete="new-password" hint="At least 8 characters." error={fields.password} />
        <Button type="submit" full busy={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </Button>
      </form>
      <p className={styles.footer}>
        Already have an account? <Link href={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
      </p>
    </>
  );
}
