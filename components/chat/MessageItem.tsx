'use client';

import { memo, useCallback, useState, type KeyboardEvent } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import type { ChatMessage, ChatState } from '@/lib/client/chatState';
import { myRole } from '@/lib/client/selectors';
import { canDeleteMessage, canEditMessage } from '@/lib/policy';
import type { Message } from '@/lib/schemas/responses';
import { useChatSelector, useChatStore, useMeId } from './ChatProvider';
import { dayLabel, sameDay } from './format';
import { MessageActions } from './message/MessageActions';
import { Reactions } from './message/Reactions';
import { ReplyQuote } from './message/ReplyQuote';
import { useLongPress } from './message/useLongPress';
import { useMessageActions } from './message/useMessageActions';
import { MessageAttachments } from './MessageAttachments';
import { MessageBody } from './MessageBody';
import styles from './MessageItem.module.scss';
import { MessageMeta } from './MessageMeta';

const GROUP_WINDOW_MS = 5 * 60 * 1000;

export type EditRequest = { id: string; body: string };

type Props = {
  id: string;
  previousId: string | undefined;
  conversationId: string;
  onEdit: (m: EditRequest) => void;
  /** Quote this message in the composer; absent where nobody can write (a read-only conversation). */
  onReply?: (m: Message) => void;
  /** Scroll to (and load, if need be) the message with this seq, and highlight it. */
  onJump: (seq: number) => void;
  /** The timeline's one tab stop (roving tabindex): this message and its controls are in the tab order. */
  tabbable: boolean;
  /** Just jumped to: flashes for a moment. */
  highlighted: boolean;
  /** The composer is replying to it. */
  replying?: boolean;
};

/** Whether this message starts a run by one sender (name and avatar shown), and a new day. */
function placement(message: ChatMessage, previous: { senderId: string | null; createdAt: string } | null) {
  const newDay = !previous || !sameDay(new Date(previous.createdAt), new Date(message.createdAt));
  const gap = previous ? new Date(message.createdAt).getTime() - new Date(previous.createdAt).getTime() : Infinity;
  const first = newDay || previous.senderId !== (message.sender?.id ?? null) || gap > GROUP_WINDOW_MS;
  return { newDay, first };
}

/** One message, stored or still pending: it reads only itself and two facts of the one before it. */
export const MessageItem = memo(function MessageItem({
  id,
  previousId,
  conversationId,
  onEdit,
  onReply,
  onJump,
  tabbable,
  highlighted,
  replying = false,
}: Props) {
  const store = useChatStore();
  const meId = useMeId();
  const message = useChatSelector(useCallback((state: ChatState) => state.messages[id], [id]));
  const previousSender = useChatSelector(
    useCallback((state: ChatState) => (previousId ? (state.messages[previousId]?.sender?.id ?? null) : null), [previousId]),
  );
  const previousAt = useChatSelector(useCallback((state: ChatState) => (previousId ? state.messages[previousId]?.createdAt : undefined), [previousId]));
  const role = useChatSelector(useCallback((state: ChatState) => myRole(state, conversationId) ?? 'member', [conversationId]));
  const type = useChatSelector(useCallback((state: ChatState) => state.conversations[conversationId]?.type ?? 'direct', [conversationId]));
  // Read only by the quote and the reactions, to name people as they are named now.
  const conversation = useChatSelector(
    useCallback(
      (state: ChatState) => (state.messages[id]?.replyTo || state.messages[id]?.reactions.length ? state.conversations[conversationId] : undefined),
      [id, conversationId],
    ),
  );
  const meUsername = useChatSelector(
    useCallback(
      (state: ChatState) => state.me?.username ?? state.conversations[conversationId]?.members.find((m) => m.user.id === state.meId)?.user.username,
      [conversationId],
    ),
  );
  const [menuOpen, setMenuOpen] = useState(false);
  const act = useMessageActions(message, meId);
  const openMenu = useCallback(() => setMenuOpen(true), []);
  const longPress = useLongPress(openMenu);
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
  const canEdit = stored && canEditMessage(meId, facts);
  const canDelete = stored && canDeleteMessage({ id: meId, role }, facts, type);
  const hasActions = stored && !deleted;
  const mentionsMe = !mine && !deleted && message.mentions.includes(meId);

  /** Keys on the focused message itself (not on a control inside it): R or Enter opens its actions. */
  function onKeyDown(e: KeyboardEvent<HTMLDivElement>) {
    if (e.target !== e.currentTarget || !hasActions || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'r' || e.key === 'R' || e.key === 'Enter' || e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      e.preventDefault();
      setMenuOpen(true);
    }
  }

  const labelIds = [`${id}-from`, mentionsMe && `${id}-mention`, (deleted || hasText) && `${id}-body`].filter(Boolean).join(' ');

  return (
    <>
      {newDay && <div className={styles.day}>{dayLabel(message.createdAt)}</div>}
      <div
        className={[
          styles.row,
          mine && styles.mine,
          first && styles.first,
          !stored && styles.pending,
          mentionsMe && styles.mentioned,
          highlighted && styles.highlighted,
          replying && styles.replying,
        ]
          .filter(Boolean)
          .join(' ')}
        role="article"
        aria-labelledby={labelIds}
        tabIndex={stored ? (tabbable ? 0 : -1) : undefined}
        data-testid="message"
        data-message-id={stored ? message.id : undefined}
        data-seq={stored ? message.seq : undefined}
        data-status={message.status}
        data-mentioned={mentionsMe || undefined}
        data-highlighted={highlighted || undefined}
        data-replying={replying || undefined}
        onKeyDown={onKeyDown}
        {...(hasActions ? longPress : {})}
      >
        {!mine && (
          <span className={styles.avatarSlot}>
            {first && showSender && <Avatar name={senderName} url={message.sender?.avatarUrl} seed={message.sender?.id ?? 'deleted'} size={32} />}
          </span>
        )}
        <div className={styles.stack}>
          {first && showSender && !mine ? (
            <span id={`${id}-from`} className={styles.sender}>
              {/* In a group anyone could take a member's display name: the username tells them apart. */}
              <bdi>{senderName}</bdi>
              {message.sender && <span className={styles.senderHandle}> @{message.sender.username}</span>}
            </span>
          ) : (
            // Who wrote it, for the message's name when it is focused (shown only at the head of a run).
            <span id={`${id}-from`} className="visually-hidden">
              {mine ? 'You' : senderName}
            </span>
          )}
          {mentionsMe && (
            <span id={`${id}-mention`} className="visually-hidden">
              Mentions you.
            </span>
          )}
          {message.replyTo && <ReplyQuote quote={message.replyTo} conversation={conversation} meId={meId} mine={mine} tabbable={tabbable} onJump={onJump} />}
          {(deleted || hasText) && (
            <div id={`${id}-body`} className={[styles.bubble, deleted && styles.tombstone].filter(Boolean).join(' ')} data-testid="message-body">
              {deleted ? 'This message was deleted' : <MessageBody text={message.body ?? ''} meUsername={meUsername} />}
            </div>
          )}
          {!deleted && <MessageAttachments attachments={message.attachments} mine={mine} />}
          {!deleted && message.reactions.length > 0 && (
            <Reactions
              messageId={message.id}
              reactions={message.reactions}
              meId={meId}
              conversation={conversation}
              mine={mine}
              tabbable={tabbable}
              onToggle={(emoji) => void act.toggleReaction(emoji)}
            />
          )}
          {act.notice && (
            <span className={[styles.notice, act.notice.error && styles.noticeError].filter(Boolean).join(' ')} role="status" data-testid="message-notice">
              {act.notice.text}
            </span>
          )}
          <MessageMeta
            message={message}
            onRetry={() => message.clientId && store.retry(message.clientId)}
            onDiscard={() => message.clientId && store.discard(message.clientId)}
          />
        </div>
        {hasActions && (
          <span className={styles.actionsSlot}>
            <MessageActions
              messageId={message.id}
              reactions={message.reactions}
              meId={meId}
              mine={mine}
              open={menuOpen}
              onOpenChange={setMenuOpen}
              tabbable={tabbable}
              onToggleReaction={(emoji) => void act.toggleReaction(emoji)}
              onReply={onReply && (() => onReply(message))}
              onCopyText={message.body ? act.copyText : undefined}
              onCopyLink={act.copyLink}
              onEdit={canEdit ? () => onEdit({ id: message.id, body: message.body ?? '' }) : undefined}
              onDelete={canDelete ? () => void act.remove() : undefined}
            />
          </span>
        )}
      </div>
    </>
  );
});
