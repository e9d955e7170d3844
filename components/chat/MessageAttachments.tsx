'use client';

import { attachmentKind, formatBytes, reservedSize } from '@/lib/client/files';
import type { Attachment } from '@/lib/schemas/responses';
import { FileIcon } from './FileIcon';
import { useLightbox } from './Lightbox';
import styles from './MessageAttachments.module.scss';

/** An image as a thumbnail in a box of its own proportions, so the list does not move when it loads. */
function InlineImage({ attachment }: { attachment: Attachment }) {
  const lightbox = useLightbox();
  const box = reservedSize(attachment);
  return (
    <button
      type="button"
      className={styles.thumb}
      style={{ width: box.width, aspectRatio: `${box.width} / ${box.height}` }}
      onClick={() => lightbox?.open(attachment.id)}
      aria-label={`Open image ${attachment.name}`}
      data-testid="attachment-image"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- a thumbnail on this server, sized by the message */}
      <img src={attachment.thumbnailUrl!} alt={attachment.name} width={box.width} height={box.height} loading="lazy" decoding="async" />
    </button>
  );
}

function Caption({ attachment }: { attachment: Attachment }) {
  return (
    <span className={styles.caption}>
      <span className={styles.captionName}>
        <bdi>{attachment.name}</bdi>
      </span>
      <span className={styles.size}>{formatBytes(attachment.size)}</span>
      <a href={attachment.url} download={attachment.name} className={styles.download} aria-label={`Download ${attachment.name}`}>
        Download
      </a>
    </span>
  );
}

function FileCard({ attachment }: { attachment: Attachment }) {
  return (
    <div className={styles.card} data-testid="attachment-file">
      <FileIcon contentType={attachment.contentType} name={attachment.name} />
      <span className={styles.cardText}>
        <span className={styles.cardName} title={attachment.name}>
          <bdi>{attachment.name}</bdi>
        </span>
        <span className={styles.size}>{formatBytes(attachment.size)}</span>
      </span>
      <a href={attachment.url} download={attachment.name} className={styles.cardDownload} aria-label={`Download ${attachment.name}`}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path d="M12 4v11m0 0-4.5-4.5M12 15l4.5-4.5M5 19h14" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </a>
    </div>
  );
}

/** A message's files in the order they were attached: images inline, players for video and audio, a card for the rest. */
export function MessageAttachments({ attachments, mine }: { attachments: Attachment[]; mine: boolean }) {
  if (attachments.length === 0) return null;
  return (
    <div className={[styles.list, mine && styles.end].filter(Boolean).join(' ')} data-testid="attachments">
      {attachments.map((a) => {
        const kind = attachmentKind(a);
        if (kind === 'image') return <InlineImage key={a.id} attachment={a} />;
        if (kind === 'video')
          return (
            <figure key={a.id} className={styles.media} data-testid="attachment-video">
              <video className={styles.video} src={a.url} controls preload="metadata" aria-label={a.name} />
              <Caption attachment={a} />
            </figure>
          );
        if (kind === 'audio')
          return (
            <figure key={a.id} className={`${styles.media} ${styles.audioFigure}`} data-testid="attachment-audio">
              <audio className={styles.audio} src={a.url} controls preload="metadata" aria-label={a.name} />
              <Caption attachment={a} />
            </figure>
          );
        return <FileCard key={a.id} attachment={a} />;
      })}
    </div>
  );
}
