import { fileLabel } from '@/lib/client/files';
import styles from './FileIcon.module.scss';

/** A page with a folded corner and the file's type on it; drawn, so it needs no emoji font. */
export function FileIcon({ contentType, name, size = 40 }: { contentType: string; name: string; size?: number }) {
  const label = fileLabel(contentType, name);
  const tone = contentType === 'application/pdf' ? styles.pdf : contentType.startsWith('text/') ? styles.text : styles.other;
  return (
    <span className={`${styles.icon} ${tone}`} style={{ width: size, height: size }} aria-hidden="true">
      <svg viewBox="0 0 32 40" width={size * 0.8} height={size}>
        <path d="M4 1h17l9 9v27a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2Z" fill="currentColor" opacity="0.16" />
        <path d="M4 1h17l9 9v27a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V3a2 2 0 0 1 2-2Z" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="M21 1v7a2 2 0 0 0 2 2h7" fill="none" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <span className={styles.label} style={{ fontSize: Math.max(8, size * (label.length > 3 ? 0.2 : 0.24)) }}>
        {label}
      </span>
    </span>
  );
}
