'use client';

import Link from 'next/link';
import type { Ref } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Button } from '@/components/ui/Button';
import { useConversation } from './ChatProvider';
import styles from './ConversationView.module.scss';
import { lastSeen, memberCount } from './format';
import { NotifyMenu } from './NotifyMenu';

type Props = { conversationId: string; detailsOpen: boolean; onToggleDetails: () => void; detailsButton?: Ref<HTMLButtonElement> };

/** What the line under the name says: the other person's presence, that they left for good, or a group's size. */
function Subtitle({ found }: { found: NonNullable<ReturnType<typeof useConversation>> }) {
  const { conversation, other, otherDeleted } = found;
  if (other) return other.user.online ? <span className={styles.online}>Online</span> : <>{lastSeen(other.user.lastSeenAt)}</>;
  if (otherDeleted) return <>No longer on Relay</>;
  return <>{memberCount(conversation.members.length)}</>;
}

/** The conversation's name and picture; the other person's presence in a direct one, the member count in a group. */
export function ConversationHeader({ conversationId, detailsOpen, onToggleDetails, detailsButton }: Props) {
  const found = useConversation(conversationId);
  if (!found) return null;
  const { conversation, name, other } = found;
  return (
    <header className={styles.header}>
      <Link href="/chat" className={styles.back} aria-label="Back to conversations">
        ←
      </Link>
      <Avatar name={name} url={other?.user.avatarUrl} seed={other?.user.id ?? conversation.id} size={40} />
      <div className={styles.who}>
        <h2 className={styles.name} data-testid="conversation-name">
          {other ? <Link href={`/users/${other.user.id}`}>{name}</Link> : name}
        </h2>
        <span className={styles.sub} data-testid="conversation-sub">
          <Subtitle found={found} />
        </span>
      </div>
      <NotifyMenu conversationId={conversation.id} level={conversation.notify} />
      {conversation.type === 'group' && (
        <Button
          variant="secondary"
          size="small"
          onClick={onToggleDetails}
          aria-expanded={detailsOpen}
          aria-controls={detailsOpen ? 'group-details' : undefined}
          ref={detailsButton}
        >
          Details
        </Button>
      )}
    </header>
  );
}
