import Link from 'next/link';
import styles from './Brand.module.scss';

/** The product's mark and name, linking home. */
export function Brand({ href = '/', label = 'Relay', className }: { href?: string; label?: string; className?: string }) {
  return (
    <Link href={href} className={[styles.brand, className].filter(Boolean).join(' ')}>
      <span className={styles.logo} aria-hidden="true">
        R
      </span>
      {label}
    </Link>
  );
}
