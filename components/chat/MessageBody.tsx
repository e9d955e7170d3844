import { useMemo } from 'react';
import { parseBody } from '@/lib/messages/body';
import styles from './MessageItem.module.scss';

/** A body as text, links and @mentions, parsed by the same function the server uses. Nothing becomes HTML. */
export function MessageBody({ text }: { text: string }) {
  const parts = useMemo(() => parseBody(text).parts, [text]);
  return (
    <>
      {parts.map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : part.kind === 'mention' ? (
          <span key={i} className={styles.mention} data-username={part.username}>
            {part.text}
          </span>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
