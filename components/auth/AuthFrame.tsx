import type { ReactNode } from 'react';
import { Brand } from '@/components/ui/Brand';
import styles from './AuthFrame.module.scss';

export function AuthFrame({ children }: { children: ReactNode }) {
  return (
    <main className={styles.frame}>
      <div className={styles.card}>
        <Brand className={styles.brand} />
        {children}
      </div>
    </main>
  );
}
