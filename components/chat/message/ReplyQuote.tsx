'use client';

// Above a reply: who it answers and the first line of what they wrote (or that it was deleted).
// A press jumps to the original, loading history around it when it is not loaded.
import type { Conversation, Message } from '@/lib/schemas/responses';
import { memberName, quoteExcerpt } from './messageText';
import styles from './ReplyQuote.module.scss';

type Props = {
  quote: NonNullable<Message['replyTo']>;
  conversation: Conversation | undefined;
  meId: string;
  mine: boolean;
  tabbable: boolean;
  onJump: (seq: number) => void;
};

export function ReplyQuote({ quote, conversation, meId, mine, tabbable, onJump }: Props) {
  const deleted = Boolean(quote.deletedAt);
  // The name as the member calls themself now (profiles change live); the quote's copy when they left.
  const who = quote.sender ? (quote.sender.id === meId ? 'You' : memberName(conversation, quote.sender.id, quote.sender.displayName)) : 'Deleted account';
  const text = deleted ? 'Original message deleted' : quote.body ? quoteExcerpt(quote.body) : '📎 Files';
  return (
    <button
      type="button"
      className={[styles.quote, mine && styles.mine, deleted && styles.deleted].filter(Boolean).join(' ')}
      tabIndex={tabbable ? 0 : -1}
      data-testid="reply-quote"
      onClick={() => onJump(quote.seq)}
      title="Go to the original message"
    >
      <span className="visually-hidden">In reply to </span>
      {!deleted && (
        <span className={styles.sender}>
          <bdi>{who}</bdi>
          <span className="visually-hidden">: </span>
        </span>
      )}
      <span className={styles.text}>{text}</span>
    </button>
  );
}
