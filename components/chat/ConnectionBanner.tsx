'use client';

import type { ChatState } from '@/lib/client/chatState';
import { useChatSelector } from './ChatProvider';
import styles from './ConnectionBanner.module.scss';

const text = { connecting: 'Connecting…', reconnecting: 'Reconnecting…', offline: 'Offline — messages will send when you are back' } as const;

const selectConnection = (state: ChatState) => state.connection;

/** Says so whenever the live connection is not up. */
export function ConnectionBanner() {
  const connection = useChatSelector(selectConnection);
  if (connection === 'online') return null;
  return (
    <div className={[styles.banner, connection === 'offline' && styles.offline].filter(Boolean).join(' ')} role="status" data-testid="connection">
      {text[connection]}
    </div>
  );
}
