'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { UnreadBadge } from '@/components/ui/Badge';
import { conversationName, otherMember, sortedConversations } from '@/lib/client/chatState';
import type { Conversation } from '@/lib/conversations/shape';
import { useChatState } from './ChatProvider';
import styles from './ConversationList.module.scss';
import { listTime } from './format';
import { NewConversationDialog } from './NewConversationDialog';

function preview(c: Conversation, meId: string): string {
  const m = c.lastMessage;
  if (!m) return c.type === 'group' ? `${c.members.length} members` : 'No messages yet';
  const who = m.sender?.id === meId ? 'You: ' : c.type === 'group' && m.sender ? `${m.sender.displayName}: ` : '';
  return who + (m.deletedAt ? 'Message deleted' : (m.body ?? ''));
}

export function ConversationList({ selectedId }: { selectedId: string | null }) {
  const state = useChatState();
  const [filter, setFilter] = useState('');
  const conversations = useMemo(() => {
    const all = sortedConversations(state);
    const f = filter.trim().toLowerCase();
    return f ? all.filter((c) => conversationName(c, state.meId).toLowerCase().includes(f)) : all;
  }, [state, filter]);

  return (
    <>
      <div className={styles.header}>
        <h1 className={styles.title}>Chats</h1>
        <NewConversationDialog />
      </div>
      <div className={styles.filter}>
        <input
          className={styles.filterInput}
          type="search"
          placeholder="Filter conversations"
          aria-label="Filter conversations"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
      </div>
      {!state.conversationsLoaded ? (
        <p className={styles.empty}>Loading conversations…</p>
      ) : conversations.length === 0 ? (
        <p className={styles.empty}>{filter ? 'No conversation matches.' : 'No conversations yet. Start one with “New”.'}</p>
      ) : (
        <ul className={styles.items} aria-label="Conversation list">
          {conversations.map((c) => {
            const name = conversationName(c, state.meId);
            const other = otherMember(c, state.meId);
            return (
              <li key={c.id}>
                <Link href={`/chat/${c.id}`} className={styles.item} aria-current={c.id === selectedId ? 'page' : undefined} data-testid="conversation-item">
                  <span className={styles.avatarWrap}>
                    <Avatar name={name} url={other?.user.avatarUrl} seed={other?.user.id ?? c.id} size={44} />
                    {other?.user.online && <span className={styles.dot} title="Online" aria-label="Online" />}
                  </span>
                  <span className={styles.text}>
                    <span className={styles.row}>
                      <span className={styles.name}>{name}</span>
                      <span className={styles.time}>{listTime(c.lastMessage?.createdAt ?? c.updatedAt)}</span>
                    </span>
                    <span className={styles.row}>
                      <span className={[styles.preview, c.unreadCount > 0 && styles.unreadText].filter(Boolean).join(' ')}>{preview(c, state.meId)}</span>
                      <UnreadBadge count={c.unreadCount} testId="unread-badge" />
                    </span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
