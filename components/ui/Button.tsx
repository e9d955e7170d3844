import type { ButtonHTMLAttributes, Ref } from 'react';
import styles from './Button.module.scss';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'normal' | 'small';
  full?: boolean;
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
};

export function Button({ variant = 'primary', size = 'normal', full, busy, className, children, disabled, ...rest }: Props) {
  const classes = [styles.button, styles[variant], size === 'small' && styles.small, full && styles.full, className].filter(Boolean).join(' ');
  return (
    <button className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest}>
      {children}
    </button>
  );
}
