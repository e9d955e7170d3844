import styles from './Badge.module.scss';

/** An unread count: "99+" past 99, nothing at 0. */
export function UnreadBadge({ count, className, testId }: { count: number; className?: string; testId?: string }) {
  if (count <= 0) return null;
  return (
    <span className={[styles.badge, className].filter(Boolean).join(' ')} aria-label={`${count} unread`} data-testid={testId}>
      {count > 99 ? '99+' : count}
    </span>
  );
}

/** Messages that mention you, apart from the unread count: "@3", nothing at 0. */
export function MentionBadge({ count, className, testId }: { count: number; className?: string; testId?: string }) {
  if (count <= 0) return null;
  return (
    <span
      className={[styles.badge, styles.mention, className].filter(Boolean).join(' ')}
      aria-label={`${count} ${count === 1 ? 'mention' : 'mentions'}`}
      title={`${count} ${count === 1 ? 'message mentions' : 'messages mention'} you`}
      data-testid={testId}
    >
      @{count > 99 ? '99+' : count}
    </span>
  );
}
