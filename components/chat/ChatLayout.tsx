'use client';

import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { ConnectionBanner } from './ConnectionBanner';
import styles from './ChatLayout.module.scss';
import { ConversationList } from './ConversationList';

/** The list beside the open conversation; on a phone, one or the other. */
export function ChatLayout({ children }: { children: ReactNode }) {
  const selected = /^\/chat\/([^/]+)/.exec(usePathname())?.[1] ?? null;
  return (
    <div className={styles.layout}>
      <aside className={[styles.list, selected && styles.narrowHidden].filter(Boolean).join(' ')} aria-label="Conversations">
        <ConnectionBanner />
        <ConversationList selectedId={selected} />
      </aside>
      <section className={[styles.pane, !selected && styles.narrowHidden].filter(Boolean).join(' ')}>{children}</section>
    </div>
  );
}
