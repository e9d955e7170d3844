'use client';

// The full emoji picker for a reaction, beside the button that asked for it. The picker itself is
// the composer's, loaded only when first opened so it costs the first page nothing.
import dynamic from 'next/dynamic';
import { useEffect, useRef, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import { useAnchoredPosition } from '@/components/ui/useAnchoredPosition';
import styles from './MessageActions.module.scss';

const load = () => import('../EmojiPicker');

const EmojiPicker = dynamic(load, {
  ssr: false,
  loading: () => <p className={styles.pickerLoading}>Loading emoji…</p>,
});

/** Starts loading the picker's code (when a menu that offers it opens), so it opens at once when asked for. */
export function preloadEmojiPicker() {
  void load();
}

type Props = { anchor: RefObject<HTMLElement | null>; align: 'start' | 'end'; onPick: (emoji: string) => void; onClose: () => void };

/**
 * Closes on a pick, on Escape (the picker's own, or anywhere while it is still loading and has no
 * focus to take) and on a press outside it.
 */
export function ReactionPicker({ anchor, align, onPick, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const placement = useAnchoredPosition(anchor, ref, align);

  useEffect(() => {
    const onPointerDown = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!ref.current?.contains(target) && !anchor.current?.contains(target)) onClose();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [anchor, onClose]);

  return createPortal(
    <div
      ref={ref}
      className={styles.picker}
      data-testid="reaction-picker"
      style={{ top: placement?.top ?? 0, left: placement?.left ?? 0, visibility: placement ? 'visible' : 'hidden' }}
    >
      <EmojiPicker
        label="Choose a reaction"
        onPick={(emoji) => {
          onClose();
          onPick(emoji);
        }}
        onClose={onClose}
      />
    </div>,
    document.body,
  );
}
