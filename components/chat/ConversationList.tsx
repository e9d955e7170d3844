'use client';

import { useCallback, useState } from 'react';
import type { ChatState } from '@/lib/client/chatState';
import { shallowEqual, visibleConversationIds } from '@/lib/client/selectors';
import { useChatSelector } from './ChatProvider';
import styles from './ConversationList.module.scss';
import { ConversationRow } from './ConversationRow';
import { NewConversationDialog } from './NewConversationDialog';

const selectLoaded = (state: ChatState) => state.conversationsLoaded;

/** The conversations, newest activity first. The list holds only ids; each row reads its own conversation. */
export function ConversationList({ selectedId }: { selectedId: string | null }) {
  const [filter, setFilter] = useState('');
  const loaded = useChatSelector(selectLoaded);
  const ids = useChatSelector(
    useCallback((state: ChatState) => visibleConversationIds(state, filter), [filter]),
    shallowEqual,
  );

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
      {!loaded ? (
        <p className={styles.empty}>Loading conversations…</p>
      ) : ids.length === 0 ? (
        <p className={styles.empty}>{filter ? 'No conversation matches.' : 'No conversations yet. Start one with “New”.'}</p>
      ) : (
        <ul className={styles.items} aria-label="Conversation list">
          {ids.map((id) => (
            <ConversationRow key={id} id={id} selected={id === selectedId} />
          ))}
        </ul>
      )}
    </>
  );
}
