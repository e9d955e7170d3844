'use client';

import { Avatar } from '@/components/ui/Avatar';
import type { Message } from '@/lib/conversations/shape';
import { clockTime, linkify } from './format';
import styles from './MessageItem.module.scss';

export type MessageItemProps = {
  message: Message | { clientId: string; body: string; createdAt: string; status: 'sending' | 'failed'; error?: string };
  mine: boolean;
  /** First of a run of messages by one sender: show their name and avatar. */
  first: boolean;
  showSender: boolean;
  canEdit: boolean;
  canDelete: boolean;
  onEdit?: () => void;
  onDelete?: () => void;
  onRetry?: () => void;
  onDiscard?: () => void;
};

function Body({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}

export function MessageItem({ message, mine, first, showSender, canEdit, canDelete, onEdit, onDelete, onRetry, onDiscard }: MessageItemProps) {
  const stored = 'id' in message ? message : null;
  const pending = stored ? null : (message as Extract<MessageItemProps['message'], { status: string }>);
  const deleted = Boolean(stored?.deletedAt);
  const senderName = stored?.sender?.displayName ?? (stored ? 'Deleted account' : '');

  return (
    <div
      className={[styles.row, mine && styles.mine, first && styles.first, pending && styles.pending].filter(Boolean).join(' ')}
      data-testid="message"
      data-seq={stored?.seq}
      data-status={pending ? pending.status : 'sent'}
    >
      {!mine && <span className={styles.avatarSlot}>{first && showSender && <Avatar name={senderName} seed={stored?.sender?.id ?? 'deleted'} size={32} />}</span>}
      <div className={styles.stack}>
        {first && showSender && !mine && <span className={styles.sender}>{senderName}</span>}
        <div className={[styles.bubble, deleted && styles.tombstone].filter(Boolean).join(' ')} data-testid="message-body">
          {deleted ? 'This message was deleted' : <Body text={stored ? (stored.body ?? '') : pending!.body} />}
        </div>
        <div className={styles.meta}>
          <time dateTime={message.createdAt}>{clockTime(message.createdAt)}</time>
          {stored?.editedAt && !deleted && <span>edited</span>}
          {pending?.status === 'sending' && <span>Sending…</span>}
          {pending?.status === 'failed' && (
            <>
              <span className={styles.failed} role="alert">
                Not sent{pending.error && pending.error !== 'Not sent' ? `: ${pending.error}` : ''}
              </span>
              <button type="button" className={styles.linkButton} onClick={onRetry}>
                Retry
              </button>
              <button type="button" className={styles.linkButton} onClick={onDiscard}>
                Discard
              </button>
            </>
          )}
          {!deleted && stored && (canEdit || canDelete) && (
            <span className={styles.actions}>
              {canEdit && (
                <button type="button" className={styles.action} onClick={onEdit} aria-label="Edit message">
                  Edit
                </button>
              )}
              {canDelete && (
                <button type="button" className={styles.action} onClick={onDelete} aria-label="Delete message">
                  Delete
                </button>
              )}
            </span>
          )}
        </div>
      </div>
    </div>
  );
}
