import type { ReactNode } from 'react';
import styles from './Page.module.scss';

export function Page({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>{title}</h1>
        {subtitle && <p className={styles.subtitle}>{subtitle}</p>}
      </header>
      {children}
    </div>
  );
}

export function Card({ title, text, tone, children, labelledBy }: { title: string; text?: string; tone?: 'danger'; children: ReactNode; labelledBy?: string }) {
  return (
    <section className={[styles.card, tone === 'danger' && styles.danger].filter(Boolean).join(' ')} aria-labelledby={labelledBy}>
      <div>
        <h2 className={styles.cardTitle} id={labelledBy}>
          {title}
        </h2>
        {text && <p className={styles.cardText}>{text}</p>}
      </div>
      {children}
    </section>
  );
}
