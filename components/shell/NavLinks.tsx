'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useSyncExternalStore } from 'react';
import { unreadTotal } from '@/lib/client/chatState';
import { useChatStore } from '@/components/chat/ChatProvider';
import { UnreadBadge } from '@/components/ui/Badge';
import { LineIcon } from '@/components/ui/LineIcon';
import styles from './NavLinks.module.scss';

const links = [
  { href: '/chat', label: 'Chats', icon: 'M21 12a8 8 0 0 1-11.6 7.1L4 21l1.9-5.4A8 8 0 1 1 21 12z' },
  { href: '/people', label: 'People', icon: 'M16 11a4 4 0 1 0-8 0 4 4 0 0 0 8 0zM4 20c0-3.3 3.6-6 8-6s8 2.7 8 6' },
  {
    href: '/settings',
    label: 'Settings',
    icon: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z',
  },
];

export function NavLinks() {
  const pathname = usePathname();
  const store = useChatStore();
  const unread = useSyncExternalStore(
    store.subscribe,
    () => unreadTotal(store.getSnapshot()),
    () => 0,
  );
  return (
    <>
      {links.map((link) => (
        <Link key={link.href} href={link.href} className={styles.link} aria-current={pathname.startsWith(link.href) ? 'page' : undefined}>
          <LineIcon className={styles.icon}>
            <path d={link.icon} />
          </LineIcon>
          {link.label}
          {link.href === '/chat' && <UnreadBadge count={unread} className={styles.badge} />}
        </Link>
      ))}
    </>
  );
}
