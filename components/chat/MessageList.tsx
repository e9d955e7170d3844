'use client';

import { Fragment, memo, useCallback } from 'react';
import { Button } from '@/components/ui/Button';
import { isLocalId, type ChatState } from '@/lib/client/chatState';
import { receiptMessageId, receiptText } from '@/lib/client/selectors';
import type { Message } from '@/lib/schemas/responses';
import { useChatSelector, useChatStore } from './ChatProvider';
import { MessageItem, type EditRequest } from './MessageItem';
import styles from './MessageList.module.scss';
import { useMessageJump } from './useMessageJump';
import { useRovingMessages } from './useRovingMessages';
import { useTimelineScroll } from './useTimelineScroll';

type Props = {
  conversationId: string;
  onEdit: (m: EditRequest) => void;
  /** "Reply" on a message: the composer quotes it. Absent where nobody can write. */
  onReply?: (m: Message) => void;
  /** The message the composer is replying to, marked in the timeline. */
  replyingToId?: string | null;
};

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

/**
 * The timeline of one conversation. It holds only ids: each row reads its own message, so an edit
 * re-renders one row and a typing event none. One message at a time is the tab stop
 * (useRovingMessages); a quote or `?seq=N` goes to a message (useMessageJump); a window of older
 * history loads newer pages as the reader scrolls down, and offers Jump to latest.
 */
export const MessageList = memo(function MessageList({ conversationId, onEdit, onReply, replyingToId = null }: Props) {
  const store = useChatStore();
  const timeline = useChatSelector(useCallback((state: ChatState) => state.timelines[conversationId], [conversationId]));
  const receiptId = useChatSelector(useCallback((state: ChatState) => receiptMessageId(state, conversationId), [conversationId]));
  const ids = timeline?.ids ?? noIds;
  const { scroller, unseen, far, onScroll, jumpToLatest } = useTimelineScroll(ids, store.getSnapshot, {
    conversationId,
    onNearTop: () => {
      if (timeline?.hasMoreBefore) void store.loadOlder(conversationId);
    },
    onNearBottom: () => {
      if (timeline?.hasMoreAfter) void store.loadNewer(conversationId);
    },
  });
  const hasStored = ids.length > 0 && !isLocalId(ids[0]);
  const { tabStop, setActiveId, onFocus, onKeyDown } = useRovingMessages(ids, scroller);
  const { jump, highlightId, notice } = useMessageJump({ store, conversationId, scroller, loaded: Boolean(timeline?.loaded), onLanded: setActiveId });

  async function toLatest() {
    setActiveId(null);
    if (timeline?.hasMoreAfter) await store.jumpToLatest(conversationId);
    else jumpToLatest();
    scroller.current?.focus({ preventScroll: true });
  }

  const windowed = Boolean(timeline?.hasMoreAfter);

  return (
    <div className={styles.wrap}>
      <div
        className={styles.scroller}
        ref={scroller}
        onScroll={onScroll}
        onFocus={onFocus}
        onKeyDown={onKeyDown}
        role="log"
        aria-label="Messages"
        aria-live="polite"
        tabIndex={0}
      >
        {!timeline?.loaded ? (
          <p className={styles.empty}>{timeline?.error ? 'Could not load messages.' : 'Loading messages…'}</p>
        ) : (
          <>
            {timeline.loadingOlder && <span className={styles.older}>Loading earlier messages…</span>}
            {!timeline.hasMoreBefore && hasStored && <span className={styles.older}>This is the beginning of the conversation.</span>}
            {ids.length === 0 && <p className={styles.empty}>No messages yet. Say hello!</p>}
            {ids.map((id, i) => (
              <Fragment key={id}>
                <MessageItem
                  id={id}
                  previousId={ids[i - 1]}
                  conversationId={conversationId}
                  onEdit={onEdit}
                  onReply={onReply}
                  onJump={jump}
                  tabbable={id === tabStop}
                  highlighted={id === highlightId}
                  replying={id === replyingToId}
                />
                {id === receiptId && <Receipt conversationId={conversationId} messageId={id} />}
              </Fragment>
            ))}
            {timeline.loadingNewer && <span className={styles.older}>Loading later messages…</span>}
          </>
        )}
      </div>
      {notice && (
        <p className={styles.notice} role="status">
          {notice}
        </p>
      )}
      {unseen > 0 ? (
        <Button className={styles.jump} size="small" onClick={jumpToLatest}>
          ↓ {unseen} new {unseen === 1 ? 'message' : 'messages'}
        </Button>
      ) : (
        (windowed || far) && (
          <Button className={styles.jump} size="small" variant="secondary" onClick={() => void toLatest()}>
            <span aria-hidden="true">↓</span> Jump to latest
          </Button>
        )
      )}
    </div>
  );
});
