import { useMemo } from 'react';
import { isEmojiOnly } from '@/lib/messages/emojiOnly';
import { parseMarkdown } from '@/lib/messages/markdown';
import { Markdown } from './markdown/Markdown';
import styles from './markdown/Markdown.module.scss';

/**
 * A body as the safe Markdown subset, with links and @mentions (found by the server's own rule);
 * one to three emoji alone are shown large. Parsed once per body; nothing becomes an HTML string.
 * `meUsername`: the viewer, whose mentions stand out.
 */
export function MessageBody({ text, meUsername }: { text: string; meUsername?: string }) {
  const parsed = useMemo(() => (isEmojiOnly(text) ? null : parseMarkdown(text)), [text]);
  if (!parsed) return <div className={styles.jumbo}>{text.trim()}</div>;
  return <Markdown blocks={parsed} meUsername={meUsername} />;
}
