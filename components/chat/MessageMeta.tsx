import { clockTime } from './format';
import type { ChatMessage } from '@/lib/client/chatState';
import styles from './MessageItem.module.scss';
import { RetryCountdown } from './RetryCountdown';

type Props = {
  message: ChatMessage;
  onRetry: () => void;
  onDiscard: () => void;
};

/** Under a bubble: the time, "edited", and the send status with Retry and Discard (and the wait of a rate-limited one). The actions are in the message's menu. */
export function MessageMeta({ message, onRetry, onDiscard }: Props) {
  const deleted = Boolean(message.deletedAt);
  return (
    <div className={styles.meta}>
      <time dateTime={message.createdAt}>{clockTime(message.createdAt)}</time>
      {message.editedAt && !deleted && <span>edited</span>}
      {message.status === 'sending' && <span>Sending…</span>}
      {message.status === 'failed' && (
        <>
          <span className={styles.failed} role="alert">
            Not sent{message.error && message.error !== 'Not sent' ? `: ${message.error}` : ''}
          </span>
          {message.retryAt !== undefined && <RetryCountdown at={message.retryAt} />}
          <button type="button" className={styles.linkButton} onClick={onRetry}>
            Retry
          </button>
          <button type="button" className={styles.linkButton} onClick={onDiscard}>
            Discard
          </button>
        </>
      )}
    </div>
  );
}
