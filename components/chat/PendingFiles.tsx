'use client';

import { formatBytes } from '@/lib/client/files';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { FileIcon } from './FileIcon';
import styles from './PendingFiles.module.scss';
import type { Attachments } from './useAttachments';

/** The composer's files: a card each with its preview, size, upload progress, Retry and Remove. */
export function PendingFiles({ attachments }: { attachments: Attachments }) {
  const { files, remove, retry } = attachments;
  if (files.length === 0) return null;
  return (
    <ul className={styles.list} aria-label="Files to send" data-testid="pending-files">
      {files.map((f) => {
        const percent = Math.round(f.progress * 100);
        return (
          <li key={f.key} className={[styles.card, f.status === 'failed' && styles.failedCard].filter(Boolean).join(' ')} data-status={f.status}>
            <span className={styles.preview} aria-hidden="true">
              {/* eslint-disable-next-line @next/next/no-img-element -- a blob: URL of a local file */}
              {f.previewUrl ? <img src={f.previewUrl} alt="" /> : <FileIcon contentType={f.file.type} name={f.file.name} size={36} />}
            </span>
            <span className={styles.text}>
              <span className={styles.name} title={f.file.name}>
                <bdi>{f.file.name}</bdi>
              </span>
              <span className={styles.meta}>
                {formatBytes(f.file.size)}
                {f.status === 'uploading' && ` · ${percent}%`}
                {f.status === 'uploaded' && ' · Ready'}
              </span>
              {f.status === 'uploading' && <ProgressBar value={f.progress} label={`Uploading ${f.file.name}`} />}
              {f.status === 'failed' && (
                <span className={styles.error} role="alert">
                  Upload failed: {f.error}{' '}
                  <button type="button" className={styles.retry} onClick={() => retry(f.key)} aria-label={`Retry uploading ${f.file.name}`}>
                    Retry
                  </button>
                </span>
              )}
            </span>
            <button
              type="button"
              className={styles.remove}
              onClick={() => remove(f.key)}
              aria-label={f.status === 'uploading' ? `Cancel uploading ${f.file.name}` : `Remove ${f.file.name}`}
              title="Remove"
            >
              ×
            </button>
          </li>
        );
      })}
    </ul>
  );
}
