'use client';

import { useCallback } from 'react';
import { Button } from '@/components/ui/Button';
import type { ChatState } from '@/lib/client/chatState';
import { failedSends } from '@/lib/client/pending';
import { shallowEqual } from '@/lib/client/selectors';
import { useChatSelector, useChatStore } from './ChatProvider';
import styles from './Composer.module.scss';

/** Above the composer when more than one message did not go: one button sends them all again, in order. */
export function FailedSends({ conversationId }: { conversationId: string }) {
  const store = useChatStore();
  const failed = useChatSelector(
    useCallback((state: ChatState) => failedSends(state, conversationId), [conversationId]),
    shallowEqual,
  );
  if (failed.length < 2) return null;
  return (
    <div className={styles.failedSends}>
      <span>{failed.length} messages were not sent.</span>
      <Button variant="secondary" size="small" onClick={() => store.retryAll(conversationId)}>
        Retry all
      </Button>
    </div>
  );
}
