'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useChatStore } from '@/components/chat/ChatProvider';
import { Button } from '@/components/ui/Button';
import { Field } from '@/components/ui/Field';
import { api, ApiError, type FieldErrors } from '@/lib/client/api';
import { validate } from '@/lib/client/validate';
import { updateProfileInput } from '@/lib/schemas/users';
import type { Me } from '@/lib/users/shape';
import styles from './Settings.module.scss';

export function ProfileForm({ me }: { me: Me }) {
  const router = useRouter();
  const store = useChatStore();
  const [fields, setFields] = useState<FieldErrors>({});
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [message, setMessage] = useState('');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    // The avatar is uploaded on its own (AvatarForm); this form sends only text.
    const checked = validate(updateProfileInput, { displayName: form.get('displayName'), bio: form.get('bio') });
    setFields(checked.errors ?? {});
    if (!checked.data) return;
    setStatus('saving');
    try {
      const { user } = await api<{ user: Me }>('/api/users/me', { method: 'PATCH', body: checked.data });
      store.updateUser(user);
      setStatus('saved');
      router.refresh();
    } catch (e) {
      if (e instanceof ApiError && Object.keys(e.fields).length) setFields(e.fields);
      setMessage(e instanceof ApiError ? e.message : 'Could not save.');
      setStatus('failed');
    }
  }

  return (
    <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Profile">
      <Field label="Display name" name="displayName" defaultValue={me.displayName} error={fields.displayName} autoComplete="name" />
      <Field label="Bio" name="bio" multiline defaultValue={me.bio} error={fields.bio} hint="Up to 500 characters." maxLength={500} />
      <div className={styles.actions}>
        <Button type="submit" busy={status === 'saving'}>
          {status === 'saving' ? 'Saving…' : 'Save profile'}
        </Button>
        <span aria-live="polite">
          {status === 'saved' && <span className={styles.saved}>Saved.</span>}
          {status === 'failed' && <span className={styles.failed}>{message}</span>}
        </span>
      </div>
    </form>
  );
}
