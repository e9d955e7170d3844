'use client';

import { Fragment, memo, useCallback } from 'react';
import { Button } from '@/components/ui/Button';
import { isLocalId, type ChatState } from '@/lib/client/chatState';
import { receiptMessageId, receiptText } from '@/lib/client/selectors';
import { useChatSelector, useChatStore } from './ChatProvider';
import { MessageItem, type EditRequest } from './MessageItem';
import styles from './MessageList.module.scss';
import { useTimelineScroll } from './useTimelineScroll';

type Props = { conversationId: string; onEdit: (m: EditRequest) => void };

const noIds: string[] = [];

/** "Seen" / "Seen by N" under our latest message; re-renders when someone reads, not the list. */
function Receipt({ conversationId, messageId }: { conversationId: string; messageId: string }) {
  const text = useChatSelector(useCallback((state: ChatState) => receiptText(state, conversationId, messageId), [conversationId, messageId]));
  return (
    <span className={styles.receipt} data-testid="receipt">
      {text}
    </span>
  );
}

/** The timeline of one conversation. It holds only ids: each row reads its own message, so an edit re-renders one row and a typing event none. */
export const MessageList = memo(function MessageList({ conversationId, onEdit }: Props) {
  const store = useChatStore();
  const timeline = useChatSelector(useCallback((state: ChatState) => state.timelines[conversationId], [conversationId]));
  const receiptId = useChatSelector(useCallback((state: ChatState) => receiptMessageId(state, conversationId), [conversationId]));
  const ids = timeline?.ids ?? noIds;
  const { scroller, unseen, onScroll, jumpToLatest } = useTimelineScroll(ids, store.getSnapshot, () => {
    if (timeline?.hasMoreBefore) void store.loadOlder(conversationId);
  });
  const hasStored = ids.length > 0 && !isLocalId(ids[0]);

  return (
    <div className={styles.wrap}>
      <div className={styles.scroller} ref={scroller} onScroll={onScroll} role="log" aria-label="Messages" aria-live="polite" tabIndex={0}>
        {!timeline?.loaded ? (
          <p className={styles.empty}>{timeline?.error ? 'Could not load messages.' : 'Loading messages…'}</p>
        ) : (
          <>
            {timeline.loadingOlder && <span className={styles.older}>Loading earlier messages…</span>}
            {!timeline.hasMoreBefore && hasStored && <span className={styles.older}>This is the beginning of the conversation.</span>}
            {ids.length === 0 && <p className={styles.empty}>No messages yet. Say hello!</p>}
            {ids.map((id, i) => (
              <Fragment key={id}>
                <MessageItem id={id} previousId={ids[i - 1]} conversationId={conversationId} onEdit={onEdit} />
                {id === receiptId && <Receipt conversationId={conversationId} messageId={id} />}
              </Fragment>
            ))}
          </>
        )}
      </div>
      {unseen > 0 && (
        <Button className={styles.jump} size="small" onClick={jumpToLatest}>
          ↓ {unseen} new {unseen === 1 ? 'message' : 'messages'}
        </Button>
      )}
    </div>
  );
});
