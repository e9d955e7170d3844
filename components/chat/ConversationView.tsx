'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ChatState } from '@/lib/client/chatState';
import type { Message } from '@/lib/schemas/responses';
import { isWithDeletedAccount } from '@/lib/client/selectors';
import { useChatSelector, useChatStore, useMeId } from './ChatProvider';
import { Composer } from './Composer';
import { ConversationHeader } from './ConversationHeader';
import styles from './ConversationView.module.scss';
import { FailedSends } from './FailedSends';
import { FileDrop } from './FileDrop';
import { GroupDetails } from './GroupDetails';
import { Lightbox, LightboxProvider } from './Lightbox';
import { MessageList } from './MessageList';
import { TypingLine } from './TypingLine';
import { useAttachments } from './useAttachments';

const selectRemovedNotice = (state: ChatState) => state.removedNotice;

/** One open conversation: header, messages, who is typing, and the composer. Each part reads its own slice. */
export function ConversationView({ conversationId }: { conversationId: string }) {
  const store = useChatStore();
  const [detailsOpen, setDetailsOpen] = useState(false);
  const type = useChatSelector(useCallback((state: ChatState) => state.conversations[conversationId]?.type, [conversationId]));
  const failed = useChatSelector(useCallback((state: ChatState) => Boolean(state.timelines[conversationId]?.error), [conversationId]));
  const removedNotice = useChatSelector(selectRemovedNotice);
  const detailsButton = useRef<HTMLButtonElement>(null);
  const toggleDetails = useCallback(() => setDetailsOpen((open) => !open), []);
  // Closed by its ✕, Escape or the backdrop: focus goes back to the button that opened it.
  const closeDetails = useCallback(() => {
    setDetailsOpen(false);
    detailsButton.current?.focus();
  }, []);

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
      <OpenConversation
        key={conversationId}
        conversationId={conversationId}
        detailsOpen={detailsOpen}
        onToggleDetails={toggleDetails}
        detailsButton={detailsButton}
      />
      {detailsOpen && type === 'group' && <GroupDetails conversationId={conversationId} onClose={closeDetails} />}
    </div>
  );
}

type OpenProps = { conversationId: string; detailsOpen: boolean; onToggleDetails: () => void; detailsButton: RefObject<HTMLButtonElement | null> };

/** What belongs to one conversation and starts afresh in the next: the draft, its files, the edit, the reply, the lightbox. */
function OpenConversation({ conversationId, detailsOpen, onToggleDetails, detailsButton }: OpenProps) {
  const meId = useMeId();
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const doneEditing = useCallback(() => setEditing(null), []);
  // The message being replied to (a "Reply" action sets it); keyed by conversation like the rest, so it resets there.
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const cancelReply = useCallback(() => setReplyTo(null), []);
  const attachments = useAttachments();
  const { add } = attachments;
  const onFiles = useCallback((files: File[]) => void add(files), [add]);
  // Nobody is left to read a reply (the server would still store one): the conversation is for reading only.
  const readOnly = useChatSelector(
    useCallback(
      (state: ChatState) => {
        const conversation = state.conversations[conversationId];
        return conversation ? isWithDeletedAccount(conversation, meId) : false;
      },
      [conversationId, meId],
    ),
  );
  const parts = (
    <>
      <ConversationHeader conversationId={conversationId} detailsOpen={detailsOpen} onToggleDetails={onToggleDetails} detailsButton={detailsButton} />
      <MessageList conversationId={conversationId} onEdit={setEditing} onReply={readOnly ? undefined : setReplyTo} replyingToId={replyTo?.id ?? null} />
      {readOnly ? (
        <p className={styles.readOnly} data-testid="read-only">
          This account was deleted. You can read the conversation but not reply.
        </p>
      ) : (
        <>
          <TypingLine conversationId={conversationId} />
          <FailedSends conversationId={conversationId} />
          <Composer
            conversationId={conversationId}
            editing={editing}
            onDoneEditing={doneEditing}
            onEditLast={setEditing}
            replyTo={replyTo}
            onCancelReply={cancelReply}
            attachments={attachments}
          />
        </>
      )}
    </>
  );
  return (
    <LightboxProvider conversationId={conversationId}>
      {readOnly ? (
        <div className={styles.main}>{parts}</div>
      ) : (
        <FileDrop className={styles.main} onFiles={onFiles}>
          {parts}
        </FileDrop>
      )}
      <Lightbox />
    </LightboxProvider>
  );
}
