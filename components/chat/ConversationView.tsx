'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Button } from '@/components/ui/Button';
import { conversationName, otherMember } from '@/lib/client/chatState';
import { useChatState, useChatStore } from './ChatProvider';
import { Composer } from './Composer';
import styles from './ConversationView.module.scss';
import { lastSeen, typingLine } from './format';
import { GroupDetails } from './GroupDetails';
import { MessageList } from './MessageList';

export function ConversationView({ conversationId }: { conversationId: string }) {
  const store = useChatStore();
  const state = useChatState();
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);

  useEffect(() => {
    void store.openThread(conversationId);
    return () => store.closeThread(conversationId);
  }, [store, conversationId]);

  const conversation = state.conversations[conversationId];
  const thread = state.threads[conversationId];

  if (!conversation) {
    if (state.removedNotice) return <p className={styles.notice} role="status">{state.removedNotice}</p>;
    if (thread?.error) return <p className={styles.state} role="alert">This conversation does not exist, or you are not in it.</p>;
    return <p className={styles.state}>Loading…</p>;
  }

  const name = conversationName(conversation, state.meId);
  const other = otherMember(conversation, state.meId);
  const typers = Object.keys(state.typing[conversationId] ?? {})
    .map((id) => conversation.members.find((m) => m.user.id === id)?.user.displayName)
    .filter((n): n is string => Boolean(n));
  const typing = typingLine(typers);

  return (
    <div className={styles.view}>
      <div className={styles.main}>
        <header className={styles.header}>
          <Link href="/chat" className={styles.back} aria-label="Back to conversations">
            ←
          </Link>
          <Avatar name={name} url={other?.user.avatarUrl} seed={other?.user.id ?? conversation.id} size={40} />
          <div className={styles.who}>
            <h2 className={styles.name} data-testid="conversation-name">
              {other ? <Link href={`/users/${other.user.id}`}>{name}</Link> : name}
            </h2>
            <span className={styles.sub}>
              {other ? (
                other.user.online ? <span className={styles.online}>Online</span> : lastSeen(other.user.lastSeenAt)
              ) : (
                `${conversation.members.length} members`
              )}
            </span>
          </div>
          {conversation.type === 'group' && (
            <Button variant="secondary" size="small" onClick={() => setDetailsOpen((o) => !o)} aria-expanded={detailsOpen}>
              Details
            </Button>
          )}
        </header>
        <MessageList conversation={conversation} thread={thread} onEdit={setEditing} />
        <div className={styles.typing} aria-live="polite" data-testid="typing">
          {typing}
        </div>
        <Composer key={conversationId} conversationId={conversationId} editing={editing} onDoneEditing={() => setEditing(null)} />
      </div>
      {detailsOpen && conversation.type === 'group' && <GroupDetails conversation={conversation} onClose={() => setDetailsOpen(false)} />}
    </div>
  );
}
