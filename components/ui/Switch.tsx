// An on/off switch (WAI-ARIA switch): a button whose state is aria-checked, named by its visible
// label, toggled by click, Space or Enter. The owner decides what a toggle does (it may ask first).
import { useId, type ReactNode } from 'react';
import styles from './Switch.module.scss';

type Props = {
  label: ReactNode;
  checked: boolean;
  onChange: (next: boolean) => void;
  description?: ReactNode;
  disabled?: boolean;
  busy?: boolean;
  testId?: string;
};

export function Switch({ label, checked, onChange, description, disabled, busy, testId }: Props) {
  const id = useId();
  return (
    <div className={styles.row}>
      <div className={styles.text}>
        <span id={`${id}-label`} className={styles.label}>
          {label}
        </span>
        {description && (
          <span id={`${id}-description`} className={styles.description}>
            {description}
          </span>
        )}
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-description` : undefined}
        aria-busy={busy || undefined}
        // Busy, it stays focusable (a disabled button would drop the focus of whoever pressed it) and ignores presses.
        aria-disabled={busy || undefined}
        disabled={disabled}
        className={styles.switch}
        data-testid={testId}
        onClick={() => {
          if (!busy) onChange(!checked);
        }}
      >
        <span className={styles.thumb} aria-hidden="true" />
      </button>
    </div>
  );
}
