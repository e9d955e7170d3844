'use client';

// A menu of actions (WAI-ARIA menu pattern): opened from a button with aria-haspopup, placed beside
// it on top of everything, arrow keys, Home and End move between its items, a letter jumps to the
// next item starting with it, and Escape, Tab or a press outside closes it. The opener decides
// where focus goes on close (back to its button, except after a press elsewhere).
import { createContext, useContext, useEffect, useRef, type ButtonHTMLAttributes, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import styles from './Menu.module.scss';
import { useAnchoredPosition } from './useAnchoredPosition';

export type MenuCloseReason = 'escape' | 'outside' | 'tab' | 'select';

const CloseContext = createContext<((reason: MenuCloseReason) => void) | null>(null);

const ITEMS = '[role="menuitem"], [role="menuitemcheckbox"], [role="menuitemradio"]';

type MenuProps = {
  anchor: RefObject<HTMLElement | null>;
  id?: string;
  label: string;
  align?: 'start' | 'end';
  onClose: (reason: MenuCloseReason) => void;
  children: ReactNode;
  className?: string;
};

/** Rendered only while open; focuses its first item once it is placed. */
export function Menu({ anchor, id, label, align = 'end', onClose, children, className }: MenuProps) {
  const ref = useRef<HTMLDivElement>(null);
  const placement = useAnchoredPosition(anchor, ref, align);
  const focused = useRef(false);
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])];

  useEffect(() => {
    if (!placement || focused.current) return;
    focused.current = true;
    items()[0]?.focus();
  }, [placement]);

  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (ref.current?.contains(target) || anchor.current?.contains(target)) return;
      onClose('outside');
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    return () => document.removeEventListener('pointerdown', onPointerDown, true);
  }, [anchor, onClose]);

  function onKeyDown(e: KeyboardEvent) {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const focus = (i: number) => {
      e.preventDefault();
      list[(i + list.length) % list.length]?.focus();
    };
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowRight':
        return focus(at + 1);
      case 'ArrowUp':
      case 'ArrowLeft':
        return focus(at < 0 ? list.length - 1 : at - 1);
      case 'Home':
        return focus(0);
      case 'End':
        return focus(list.length - 1);
      case 'Escape':
        e.preventDefault();
        e.stopPropagation();
        return onClose('escape');
      case 'Tab':
        e.preventDefault();
        return onClose('tab');
    }
    if (e.key.length === 1 && /\S/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const key = e.key.toLowerCase();
      const next = [...list.slice(at + 1), ...list.slice(0, at + 1)].find((el) => el.textContent?.trim().toLowerCase().startsWith(key));
      if (next) {
        e.preventDefault();
        next.focus();
      }
    }
  }

  return createPortal(
    <div
      ref={ref}
      id={id}
      role="menu"
      aria-label={label}
      className={[styles.menu, className].filter(Boolean).join(' ')}
      style={{ top: placement?.top ?? 0, left: placement?.left ?? 0, visibility: placement ? 'visible' : 'hidden' }}
      onKeyDown={onKeyDown}
    >
      <CloseContext.Provider value={onClose}>{children}</CloseContext.Provider>
    </div>,
    document.body,
  );
}

type ItemProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'role' | 'onSelect'> & {
  onSelect: () => void;
  /** A checkbox item (a reaction that is yours or not) says whether it is on. */
  checked?: boolean;
  /** With `checked`: one of a set where exactly one is chosen (a menuitemradio), not an independent checkbox. */
  radio?: boolean;
  tone?: 'danger';
};

/** One action: choosing it closes the menu first, then acts. */
export function MenuItem({ onSelect, checked, radio, tone, className, children, ...rest }: ItemProps) {
  const close = useContext(CloseContext);
  return (
    <button
      type="button"
      role={checked === undefined ? 'menuitem' : radio ? 'menuitemradio' : 'menuitemcheckbox'}
      aria-checked={checked}
      tabIndex={-1}
      className={[styles.item, tone === 'danger' && styles.danger, className].filter(Boolean).join(' ')}
      onClick={() => {
        close?.('select');
        onSelect();
      }}
      {...rest}
    >
      {children}
    </button>
  );
}

export function MenuGroup({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label} className={className}>
      {children}
    </div>
  );
}

export function MenuSeparator() {
  return <div role="separator" className={styles.separator} />;
}
