import Link from 'next/link';
import type { ReactNode } from 'react';
import { ChatProvider } from '@/components/chat/ChatProvider';
import { Avatar } from '@/components/ui/Avatar';
import { Brand } from '@/components/ui/Brand';
import type { Me } from '@/lib/users/shape';
import styles from './AppShell.module.scss';
import { NavLinks } from './NavLinks';
import { SignOutButton } from './SignOutButton';

/** The signed-in frame: navigation, who you are, sign out; the chat client runs beneath it all. */
export function AppShell({ me, children }: { me: Me; children: ReactNode }) {
  return (
    <ChatProvider meId={me.id}>
      <div className={styles.shell}>
        <header className={styles.sidebar}>
          <Brand href="/chat" className={styles.brand} />
          <nav className={styles.nav} aria-label="Main">
            <NavLinks />
          </nav>
          <div className={styles.me}>
            <Link href={`/users/${me.id}`} aria-label="Your profile">
              <Avatar name={me.displayName} url={me.avatarUrl} seed={me.id} size={36} />
            </Link>
            <div className={styles.meText}>
              <span className={styles.meName} data-testid="me-name">
                {me.displayName}
              </span>
              <span className={styles.meHandle}>@{me.username}</span>
            </div>
            <div className={styles.signOut}>
              <SignOutButton />
            </div>
          </div>
        </header>
        <main className={styles.main}>{children}</main>
      </div>
    </ChatProvider>
  );
}
