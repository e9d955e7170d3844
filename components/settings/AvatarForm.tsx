'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useChatStore } from '@/components/chat/ChatProvider';
import { Avatar } from '@/components/ui/Avatar';
import { Button } from '@/components/ui/Button';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { api, ApiError } from '@/lib/client/api';
import { formatBytes } from '@/lib/client/files';
import { serverInfo } from '@/lib/client/serverInfo';
import { uploadMultipart } from '@/lib/client/upload';
import type { Me } from '@/lib/users/shape';
import styles from './AvatarForm.module.scss';

const DEFAULT_AVATAR_BYTES = 5 * 1024 * 1024;

/** Pick a picture, see the square it will be cut to, upload it with progress; or remove the one you have. */
export function AvatarForm({ me }: { me: Me }) {
  const store = useChatStore();
  const router = useRouter();
  const picker = useRef<HTMLInputElement>(null);
  const [current, setCurrent] = useState<Pick<Me, 'avatarUrl'>>(me);
  const [chosen, setChosen] = useState<{ file: File; url: string } | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState<'upload' | 'remove' | null>(null);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');

  // The preview's blob: URL lives as long as the choice.
  useEffect(() => {
    if (!chosen) return;
    return () => URL.revokeObjectURL(chosen.url);
  }, [chosen]);

  async function choose(file: File | undefined) {
    setError('');
    setDone('');
    if (!file) return;
    const limit = await serverInfo()
      .then((info) => info.limits.avatarBytes)
      .catch(() => DEFAULT_AVATAR_BYTES);
    if (file.size > limit) {
      setChosen(null);
      setError(`“${file.name}” is ${formatBytes(file.size)}; an avatar can be at most ${formatBytes(limit)}.`);
      return;
    }
    setChosen({ file, url: URL.createObjectURL(file) });
  }

  function applied(user: Me, text: string) {
    setCurrent(user);
    store.updateUser(user);
    setDone(text);
    router.refresh();
  }

  async function upload() {
    if (!chosen) return;
    setBusy('upload');
    setProgress(0);
    setError('');
    try {
      const { user } = await uploadMultipart<{ user: Me }>('/api/users/me/avatar', chosen.file, { method: 'PUT', onProgress: setProgress });
      setChosen(null);
      applied(user, 'Avatar updated.');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not upload the avatar.');
    } finally {
      setBusy(null);
      setProgress(null);
    }
  }

  async function remove() {
    setBusy('remove');
    setError('');
    try {
      const { user } = await api<{ user: Me }>('/api/users/me/avatar', { method: 'DELETE' });
      applied(user, 'Avatar removed.');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not remove the avatar.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className={styles.avatarForm} role="group" aria-labelledby="avatar-label">
      <span id="avatar-label" className={styles.label}>
        Avatar
      </span>
      <div className={styles.row}>
        {chosen ? (
          // eslint-disable-next-line @next/next/no-img-element -- a blob: URL of the chosen file
          <img className={styles.preview} src={chosen.url} alt="Preview of your new avatar" data-testid="avatar-preview" />
        ) : (
          <Avatar name={me.displayName} url={current.avatarUrl} seed={me.id} size={96} />
        )}
        <div className={styles.controls}>
          <input
            ref={picker}
            type="file"
            accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
            className={styles.picker}
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              void choose(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <div className={styles.buttons}>
            {chosen ? (
              <>
                <Button type="button" onClick={() => void upload()} busy={busy === 'upload'}>
                  {busy === 'upload' ? 'Uploading…' : 'Save avatar'}
                </Button>
                <Button type="button" variant="secondary" onClick={() => setChosen(null)} disabled={busy !== null}>
                  Cancel
                </Button>
              </>
            ) : (
              <>
                <Button type="button" variant="secondary" onClick={() => picker.current?.click()} disabled={busy !== null}>
                  {current.avatarUrl ? 'Change avatar…' : 'Upload avatar…'}
                </Button>
                {current.avatarUrl && (
                  <Button type="button" variant="ghost" onClick={() => void remove()} busy={busy === 'remove'}>
                    Remove avatar
                  </Button>
                )}
              </>
            )}
          </div>
          {progress !== null && <ProgressBar value={progress} label="Uploading avatar" className={styles.bar} thick />}
          <span className={styles.hint}>
            {chosen ? 'The centre square is kept, as shown.' : 'JPEG, PNG, WebP, GIF or AVIF, up to 5 MB. The centre square is kept.'}
          </span>
          <span aria-live="polite">
            {error && (
              <span className={styles.error} role="alert">
                {error}
              </span>
            )}
            {done && !error && <span className={styles.saved}>{done}</span>}
          </span>
        </div>
      </div>
    </div>
  );
}
