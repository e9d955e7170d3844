'use client';

// The conversation's notification level, from its header: a bell button opening a menu of
// All / Mentions / Nothing (menuitemradio). The store takes the answer, and the other tabs hear it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Menu, MenuGroup, MenuItem, type MenuCloseReason } from '@/components/ui/Menu';
import { ApiError } from '@/lib/client/api';
import type { NotifyLevel } from '@/lib/client/notifications';
import { useChatStore } from './ChatProvider';
import { levelLabel, LevelIcon, NOTIFY_LEVELS } from './notifyLevels';
import styles from './NotifyMenu.module.scss';

export function NotifyMenu({ conversationId, level }: { conversationId: string; level: NotifyLevel }) {
  const store = useChatStore();
  const button = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const menuId = `notify-${conversationId}`;

  // A failure is said for a while, then the header is quiet again.
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => setError(''), 8000);
    return () => clearTimeout(timer);
  }, [error]);

  const close = useCallback((reason: MenuCloseReason) => {
    setOpen(false);
    if (reason !== 'outside') button.current?.focus();
  }, []);

  async function choose(next: NotifyLevel) {
    if (next === level) return;
    setBusy(true);
    setError('');
    try {
      await store.setNotify(conversationId, next);
    } catch (e) {
      setError(e instanceof ApiError ? `Notifications not changed: ${e.message}` : 'Notifications not changed. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className={styles.slot}>
      <button
        ref={button}
        type="button"
        className={[styles.button, level === 'none' && styles.muted].filter(Boolean).join(' ')}
        aria-label={`Notifications: ${levelLabel(level)}`}
        title={`Notifications: ${levelLabel(level)}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-busy={busy || undefined}
        data-testid="notify-button"
        onClick={() => setOpen((o) => !o)}
      >
        <LevelIcon level={level} size={18} />
      </button>
      {open && (
        <Menu anchor={button} id={menuId} label="Notifications" onClose={close} className={styles.menu}>
          <MenuGroup label="Notify me of">
            <span className={styles.heading} aria-hidden="true">
              Notify me of
            </span>
            {NOTIFY_LEVELS.map((l) => (
              <MenuItem
                key={l.level}
                radio
                checked={l.level === level}
                aria-describedby={`${menuId}-${l.level}`}
                onSelect={() => void choose(l.level)}
                className={styles.item}
              >
                <LevelIcon level={l.level} />
                <span className={styles.text}>
                  <span>{l.label}</span>
                  <span id={`${menuId}-${l.level}`} className={styles.hint}>
                    {l.hint}
                  </span>
                </span>
                <span className={styles.check} aria-hidden="true">
                  {l.level === level ? '✓' : ''}
                </span>
              </MenuItem>
            ))}
          </MenuGroup>
        </Menu>
      )}
      {error && (
        <span className={styles.error} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
