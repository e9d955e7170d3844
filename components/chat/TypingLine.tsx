'use client';

import { useCallback } from 'react';
import type { ChatState } from '@/lib/client/chatState';
import { shallowEqual, typingNames } from '@/lib/client/selectors';
import { useChatSelector } from './ChatProvider';
import styles from './ConversationView.module.scss';
import { typingLine } from './format';

/** "Ada is typing…": the only part of a conversation that a typing event re-renders. */
export function TypingLine({ conversationId }: { conversationId: string }) {
  const names = useChatSelector(
    useCallback((state: ChatState) => typingNames(state, conversationId), [conversationId]),
    shallowEqual,
  );
  return (
    <div className={styles.typing} aria-live="polite" data-testid="typing">
      {typingLine(names)}
    </div>
  );
}
