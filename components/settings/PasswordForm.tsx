'use client';

import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError, type FieldErrors } from '@/lib/client/api';
import { validate } from '@/lib/client/validate';
import { changePasswordInput } from '@/lib/schemas/users';
import styles from './Settings.module.scss';

export function PasswordForm() {
  const [fields, setFields] = useState<FieldErrors>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [message, setMessage] = useState('');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const checked = validate(changePasswordInput, { currentPassword: form.get('currentPassword'), newPassword: form.get('newPassword') });
    setFields(checked.errors ?? {});
    if (!checked.data) return;
    setStatus('saving');
    try {
      await api('/api/users/me/password', { method: 'PUT', body: checked.data });
      formElement.reset();
      setStatus('saved');
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setFields(e.fields);
      setMessage(e instanceof ApiError ? e.message : 'Could not change the password.');
      setStatus('failed');
    }
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Change password">
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={fields.currentPassword} />
      <Field label="New password" name="newPassword" type="password" autoComplete="new-password" error={fields.newPassword} hint="At least 8 characters." />
      {/* Said before the change, not after: scripts and bots stop working at once. */}
      <p className={styles.note}>
        Changing it signs you out everywhere else and revokes all your API tokens: scripts and bots using them stop working until you make new ones.
      </p>
      <div className={styles.actions}>
        <Button type="submit" busy={status === 'saving'}>
          {status === 'saving' ? 'Changing…' : 'Change password'}
        </Button>
        <span aria-live="polite">
          {status === 'saved' && <span className={styles.saved}>Password changed. Your other sessions were signed out and your API tokens revoked.</span>}
          {status === 'failed' && <span className={styles.failed}>{message}</span>}
        </span>
      </div>
    </form>
  );
}
