import type { ReactNode } from 'react';
import styles from './AuthFrame.module.scss';

export function AuthFrame({ children }: { children: ReactNode }) {
  return (
    <main className={styles.frame}>
      <div className={styles.card}>
        <div className={styles.brand}>
          <span className={styles.logo} aria-hidden="true">
            R
          </span>
          Relay
        </div>
        {children}
      </div>
    </main>
  );
}
