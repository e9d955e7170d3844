import type { Message } from '@/lib/schemas/responses';
import styles from './ReplyPreview.module.scss';

/** The first line of a quoted message, or what stands for it when it has no text. */
export function quoteLine(message: Pick<Message, 'body' | 'deletedAt' | 'attachments'>): string {
  if (message.deletedAt) return 'Original deleted';
  const line = (message.body ?? '').trim().split('\n')[0]?.trim() ?? '';
  if (line) return line;
  const files = message.attachments.length;
  return files === 1 ? `📎 ${message.attachments[0].name}` : files > 1 ? `📎 ${files} files` : '';
}

/** Above the composer while a reply is being written: whom and what it answers, and a way out. */
export function ReplyPreview({ message, onCancel }: { message: Message; onCancel: () => void }) {
  const name = message.sender?.displayName ?? 'Deleted account';
  return (
    <div className={styles.reply} data-testid="reply-preview">
      <div className={styles.text}>
        <span className={styles.who}>
          Replying to <bdi>{name}</bdi>
        </span>
        <span className={styles.quote}>{quoteLine(message)}</span>
      </div>
      <button type="button" className={styles.cancel} onClick={onCancel} aria-label="Cancel reply" title="Cancel reply (Esc)">
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
