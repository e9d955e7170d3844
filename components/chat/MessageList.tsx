'use client';

import { useSearchParams } from 'next/navigation';
import { Fragment, memo, useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { Button } from '@/components/ui/Button';
import { isLocalId, type ChatState } from '@/lib/client/chatState';
import { receiptMessageId, receiptText } from '@/lib/client/selectors';
import type { Message } from '@/lib/schemas/responses';
import { useChatSelector, useChatStore } from './ChatProvider';
import { parseSeq } from './message/messageText';
import { MessageItem, type EditRequest } from './MessageItem';
import styles from './MessageList.module.scss';
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
const HIGHLIGHT_MS = 1600;
const NOTICE_MS = 4000;
const ROW = '[data-message-id]';

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
 * re-renders one row and a typing event none. One message at a time is the tab stop (roving
 * tabindex): arrow keys move between messages, Home and End go to the first and last held.
 * Jumping to a message (a quote, or `?seq=N` in the address) loads history around it when needed,
 * scrolls it into view, focuses and highlights it.
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
  const [activeId, setActiveId] = useState<string | null>(null);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [, setJumps] = useState(0);
  const target = useRef<string | null>(null);

  const lastStored = [...ids].reverse().find((id) => !isLocalId(id)) ?? null;
  const tabStop = activeId && ids.includes(activeId) ? activeId : lastStored;

  const jump = useCallback(
    async (seq: number) => {
      const id = await store.jumpTo(conversationId, seq);
      if (!id) return setNotice('That message could not be found.');
      target.current = id;
      setActiveId(id);
      setHighlightId(id);
      // A render even when the message was already on screen, for the effect below to scroll to it.
      setJumps((n) => n + 1);
    },
    [store, conversationId],
  );

  // Once the message jumped to is in the DOM (its page may have just loaded): into view and focused.
  useLayoutEffect(() => {
    if (!target.current) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(target.current)}"]`);
    if (!el) return;
    target.current = null;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  });

  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => setHighlightId(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlightId]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  // A link to a message (`/chat/:id?seq=N`, see "Copy link"): once the timeline is loaded, go there.
  const linkedSeq = parseSeq(useSearchParams().get('seq'));
  const loaded = Boolean(timeline?.loaded);
  const followed = useRef<number | null>(null);
  useEffect(() => {
    if (!loaded || linkedSeq === null || followed.current === linkedSeq) return;
    followed.current = linkedSeq;
    void jump(linkedSeq);
  }, [loaded, linkedSeq, jump]);

  function onFocus(e: FocusEvent) {
    const row = (e.target as HTMLElement).closest<HTMLElement>(ROW);
    if (row?.dataset.messageId) setActiveId(row.dataset.messageId);
  }

  function onKeyDown(e: KeyboardEvent) {
    const el = e.target as HTMLElement;
    if (!el.matches(ROW) || e.ctrlKey || e.metaKey || e.altKey) return;
    const rows = [...(scroller.current?.querySelectorAll<HTMLElement>(ROW) ?? [])];
    const at = rows.indexOf(el);
    const next = { ArrowUp: rows[at - 1], ArrowDown: rows[at + 1], Home: rows[0], End: rows.at(-1) }[e.key];
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    next?.focus();
  }

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
