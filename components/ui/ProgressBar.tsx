import styles from './ProgressBar.module.scss';

/** A thin determinate progress bar (0–1), labelled for screen readers. */
export function ProgressBar({ value, label, className, thick }: { value: number; label: string; className?: string; thick?: boolean }) {
  const percent = Math.round(value * 100);
  return (
    <span
      className={[styles.bar, thick && styles.thick, className].filter(Boolean).join(' ')}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <span className={styles.fill} style={{ width: `${percent}%` }} />
    </span>
  );
}
