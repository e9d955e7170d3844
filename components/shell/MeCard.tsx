'use client';

import Link from 'next/link';
import { useChatSelector } from '@/components/chat/ChatProvider';
import { Avatar } from '@/components/ui/Avatar';
import type { ChatState } from '@/lib/client/chatState';
import type { Me } from '@/lib/users/shape';
import styles from './AppShell.module.scss';

const selectMe = (state: ChatState) => state.me;

/** Who is signed in: as the page was rendered, then as the live `user:updated` events say. */
export function MeCard({ me: rendered }: { me: Me }) {
  const live = useChatSelector(selectMe);
  const me = live ?? rendered;
  return (
    <>
      <Link href={`/users/${me.id}`} aria-label="Your profile">
        <Avatar name={me.displayName} url={me.avatarUrl} seed={me.id} size={36} />
      </Link>
      <div className={styles.meText}>
        <span className={styles.meName} data-testid="me-name">
          {me.displayName}
        </span>
        <span className={styles.meHandle}>@{me.username}</span>
      </div>
    </>
  );
}
