import type { ReactNode } from 'react';
import { ChatProvider } from '@/components/chat/ChatProvider';
import { Brand } from '@/components/ui/Brand';
import type { Me } from '@/lib/users/shape';
import styles from './AppShell.module.scss';
import { MeCard } from './MeCard';
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
            <MeCard me={me} />
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
