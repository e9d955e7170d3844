'use client';

import { useCallback, useEffect, useState } from 'react';
import type { ChatState } from '@/lib/client/chatState';
import { useChatSelector, useChatStore } from './ChatProvider';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import styles from './ConversationView.module.scss';
import { GroupDetails } from './GroupDetails';
import { MessageList } from './MessageList';
import { TypingLine } from './TypingLine';

const selectRemovedNotice = (state: ChatState) => state.removedNotice;

/** One open conversation: header, messages, who is typing, and the composer. Each part reads its own slice. */
export function ConversationView({ conversationId }: { conversationId: string }) {
  const store = useChatStore();
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const type = useChatSelector(useCallback((state: ChatState) => state.conversations[conversationId]?.type, [conversationId]));
  const failed = useChatSelector(useCallback((state: ChatState) => Boolean(state.timelines[conversationId]?.error), [conversationId]));
  const removedNotice = useChatSelector(selectRemovedNotice);
  const toggleDetails = useCallback(() => setDetailsOpen((open) => !open), []);
  const closeDetails = useCallback(() => setDetailsOpen(false), []);
  const doneEditing = useCallback(() => setEditing(null), []);

  useEffect(() => {
    void store.openTimeline(conversationId);
    return () => store.closeTimeline(conversationId);
  }, [store, conversationId]);

  if (!type) {
    if (removedNotice)
      return (
        <p className={styles.notice} role="status">
          {removedNotice}
        </p>
      );
    if (failed)
      return (
        <p className={styles.state} role="alert">
          This conversation does not exist, or you are not in it.
        </p>
      );
    return <p className={styles.state}>Loading…</p>;
  }

  return (
    <div className={styles.view}>
      <div className={styles.main}>
        <ConversationHeader conversationId={conversationId} detailsOpen={detailsOpen} onToggleDetails={toggleDetails} />
        <MessageList conversationId={conversationId} onEdit={setEditing} />
        <TypingLine conversationId={conversationId} />
        <Composer key={conversationId} conversationId={conversationId} editing={editing} onDoneEditing={doneEditing} />
      </div>
      {detailsOpen && type === 'group' && <GroupDetails conversationId={conversationId} onClose={closeDetails} />}
    </div>
  );
}
