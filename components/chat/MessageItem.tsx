'use client';

import { memo, useCallback } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import type { ChatMessage, ChatState } from '@/lib/client/chatState';
import { myRole } from '@/lib/client/selectors';
import { canDeleteMessage, canEditMessage } from '@/lib/policy';
import { useChatSelector, useChatStore, useMeId } from './ChatProvider';
import { dayLabel, sameDay } from './format';
import { MessageAttachments } from './MessageAttachments';
import { MessageBody } from './MessageBody';
import styles from './MessageItem.module.scss';
import { MessageMeta } from './MessageMeta';

const GROUP_WINDOW_MS = 5 * 60 * 1000;

export type EditRequest = { id: string; body: string };

type Props = { id: string; previousId: string | undefined; conversationId: string; onEdit: (m: EditRequest) => void };

/** Whether this message starts a run by one sender (name and avatar shown), and a new day. */
function placement(message: ChatMessage, previous: { senderId: string | null; createdAt: string } | null) {
  const newDay = !previous || !sameDay(new Date(previous.createdAt), new Date(message.createdAt));
  const gap = previous ? new Date(message.createdAt).getTime() - new Date(previous.createdAt).getTime() : Infinity;
  const first = newDay || previous.senderId !== (message.sender?.id ?? null) || gap > GROUP_WINDOW_MS;
  return { newDay, first };
}

/** One message, stored or still pending: it reads only itself and two facts of the one before it. */
export const MessageItem = memo(function MessageItem({ id, previousId, conversationId, onEdit }: Props) {
  const store = useChatStore();
  const meId = useMeId();
  const message = useChatSelector(useCallback((state: ChatState) => state.messages[id], [id]));
  const previousSender = useChatSelector(
    useCallback((state: ChatState) => (previousId ? (state.messages[previousId]?.sender?.id ?? null) : null), [previousId]),
  );
  const previousAt = useChatSelector(useCallback((state: ChatState) => (previousId ? state.messages[previousId]?.createdAt : undefined), [previousId]));
  const role = useChatSelector(useCallback((state: ChatState) => myRole(state, conversationId) ?? 'member', [conversationId]));
  const type = useChatSelector(useCallback((state: ChatState) => state.conversations[conversationId]?.type ?? 'direct', [conversationId]));
  if (!message) return null;

  const { newDay, first } = placement(message, previousAt ? { senderId: previousSender, createdAt: previousAt } : null);
  const mine = message.sender?.id === meId;
  const showSender = type === 'group';
  const deleted = Boolean(message.deletedAt);
  const senderName = message.sender?.displayName ?? 'Deleted account';
  const stored = message.status === 'sent';
  // A message may be files only: then it has no bubble.
  const hasText = Boolean(message.body) || message.attachments.length === 0;
  const facts = { senderId: message.sender?.id ?? null, deleted };

  async function remove() {
    if (!window.confirm('Delete this message for everyone?')) return;
    try {
      await store.remove(message);
    } catch (e) {
      window.alert(`Could not delete: ${(e as Error).message}`);
    }
  }

  return (
    <>
      {newDay && <div className={styles.day}>{dayLabel(message.createdAt)}</div>}
      <div
        className={[styles.row, mine && styles.mine, first && styles.first, !stored && styles.pending].filter(Boolean).join(' ')}
        data-testid="message"
        data-seq={stored ? message.seq : undefined}
        data-status={message.status}
      >
        {!mine && (
          <span className={styles.avatarSlot}>
            {first && showSender && <Avatar name={senderName} url={message.sender?.avatarUrl} seed={message.sender?.id ?? 'deleted'} size={32} />}
          </span>
        )}
        <div className={styles.stack}>
          {first && showSender && !mine && (
            <span className={styles.sender}>
              {/* In a group anyone could take a member's display name: the username tells them apart. */}
              <bdi>{senderName}</bdi>
              {message.sender && <span className={styles.senderHandle}> @{message.sender.username}</span>}
            </span>
          )}
          {(deleted || hasText) && (
            <div className={[styles.bubble, deleted && styles.tombstone].filter(Boolean).join(' ')} data-testid="message-body">
              {deleted ? 'This message was deleted' : <MessageBody text={message.body ?? ''} />}
            </div>
          )}
          {!deleted && <MessageAttachments attachments={message.attachments} mine={mine} />}
          <MessageMeta
            message={message}
            canEdit={stored && canEditMessage(meId, facts)}
            canDelete={stored && canDeleteMessage({ id: meId, role }, facts, type)}
            onEdit={() => onEdit({ id: message.id, body: message.body ?? '' })}
            onDelete={() => void remove()}
            onRetry={() => message.clientId && store.retry(message.clientId)}
            onDiscard={() => message.clientId && store.discard(message.clientId)}
          />
        </div>
      </div>
    </>
  );
});
