'use client';

import Link from 'next/link';
import { memo } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { MentionBadge, UnreadBadge } from '@/components/ui/Badge';
import { messagePreview } from '@/lib/client/files';
import type { Conversation } from '@/lib/schemas/responses';
import { useConversation } from './ChatProvider';
import styles from './ConversationList.module.scss';
import { listTime, memberCount } from './format';
import { LevelIcon } from './notifyLevels';

function preview(c: Conversation, meId: string): string {
  const m = c.lastMessage;
  if (!m) return c.type === 'group' ? memberCount(c.members.length) : 'No messages yet';
  const who = m.sender?.id === meId ? 'You: ' : c.type === 'group' && m.sender ? `${m.sender.displayName}: ` : '';
  return who + (m.deletedAt ? 'Message deleted' : messagePreview(m));
}

/** A draft in the list: its first words, on one line. */
function draftPreview(body: string): string {
  return body.replace(/\s+/g, ' ').trim();
}

/** One conversation in the list: re-renders only when that conversation changes. */
export const ConversationRow = memo(function ConversationRow({ id, selected }: { id: string; selected: boolean }) {
  const found = useConversation(id);
  if (!found) return null;
  const { conversation: c, meId, name, other } = found;
  // The open conversation shows its draft in the composer; the others say they have one.
  const draft = !selected && c.draft?.body.trim() ? c.draft : null;
  const muted = c.notify === 'none';
  return (
    <li>
      <Link
        href={`/chat/${c.id}`}
        className={[styles.item, muted && styles.muted].filter(Boolean).join(' ')}
        data-muted={muted || undefined}
        aria-current={selected ? 'page' : undefined}
        data-testid="conversation-item"
      >
        <span className={styles.avatarWrap}>
          <Avatar name={name} url={other?.user.avatarUrl} seed={other?.user.id ?? c.id} size={44} />
          {other?.user.online && <span className={styles.dot} title="Online" aria-label="Online" />}
        </span>
        <span className={styles.text}>
          <span className={styles.row}>
            <span className={styles.name}>{name}</span>
            {muted && (
              <span className={styles.mutedMark} title="Muted" data-testid="muted-mark">
                <LevelIcon level="none" size={14} />
                <span className="visually-hidden">(muted)</span>
              </span>
            )}
            <span className={styles.time}>{listTime(c.lastMessage?.createdAt ?? c.updatedAt)}</span>
          </span>
          <span className={styles.row}>
            {draft ? (
              <span className={styles.preview} data-testid="draft-preview">
                <span className={styles.draftLabel}>Draft:</span> {draftPreview(draft.body)}
              </span>
            ) : (
              <span className={[styles.preview, c.unreadCount > 0 && styles.unreadText].filter(Boolean).join(' ')}>{preview(c, meId)}</span>
            )}
            <span className={styles.badges}>
              <MentionBadge count={c.unreadMentions} testId="mention-badge" />
              <UnreadBadge count={c.unreadCount} testId="unread-badge" className={muted ? styles.quietBadge : undefined} />
            </span>
          </span>
        </span>
      </Link>
    </li>
  );
});
