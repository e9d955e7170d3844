'use client';

import { useRef, type PointerEvent } from 'react';

const PRESS_MS = 500;
const SLOP_PX = 10;

/**
 * A long press with a finger (not a mouse or pen): `onLongPress` after half a second held still.
 * Moving (scrolling) cancels it; the context menu the press would also open is suppressed.
 */
export function useLongPress(onLongPress: () => void) {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const start = useRef<{ x: number; y: number } | null>(null);
  const fired = useRef(false);

  const cancel = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    start.current = null;
  };

  return {
    onPointerDown(e: PointerEvent) {
      if (e.pointerType !== 'touch') return;
      fired.current = false;
      start.current = { x: e.clientX, y: e.clientY };
      timer.current = setTimeout(() => {
        fired.current = true;
        cancel();
        onLongPress();
      }, PRESS_MS);
    },
    onPointerMove(e: PointerEvent) {
      if (start.current && Math.hypot(e.clientX - start.current.x, e.clientY - start.current.y) > SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onContextMenu(e: { preventDefault(): void }) {
      if (fired.current || timer.current) e.preventDefault();
    },
  };
}
