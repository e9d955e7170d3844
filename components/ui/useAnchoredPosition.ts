'use client';

import { useLayoutEffect, useState, type RefObject } from 'react';

const GAP = 4;
const MARGIN = 8;

export type Placement = { top: number; left: number };

/** The phone's fixed tab bar covers the foot of the screen (see --shell-bottom): nothing is placed under it. */
function bottomInset(): number {
  return parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--shell-bottom')) || 0;
}

/**
 * Where a popup (position: fixed) goes beside its anchor: below it, or above when there is no room
 * below, aligned to the anchor's start or end edge, and always inside the screen. Follows the
 * anchor while anything scrolls or the window resizes. Null until measured (render it hidden then).
 */
export function useAnchoredPosition(
  anchor: RefObject<HTMLElement | null>,
  popup: RefObject<HTMLElement | null>,
  align: 'start' | 'end' = 'end',
): Placement | null {
  const [placement, setPlacement] = useState<Placement | null>(null);

  useLayoutEffect(() => {
    const place = () => {
      const a = anchor.current?.getBoundingClientRect();
      const p = popup.current;
      if (!a || !p) return;
      const width = p.offsetWidth;
      const height = p.offsetHeight;
      const viewWidth = document.documentElement.clientWidth;
      const viewHeight = window.innerHeight - bottomInset();
      let top = a.bottom + GAP;
      if (top + height > viewHeight - MARGIN && a.top - GAP - height >= MARGIN) top = a.top - GAP - height;
      top = Math.max(MARGIN, Math.min(top, viewHeight - height - MARGIN));
      let left = align === 'end' ? a.right - width : a.left;
      left = Math.max(MARGIN, Math.min(left, viewWidth - width - MARGIN));
      setPlacement((was) => (was && was.top === top && was.left === left ? was : { top, left }));
    };
    place();
    // The popup's own size may change after it loads (a lazily loaded picker).
    const resized = new ResizeObserver(place);
    if (popup.current) resized.observe(popup.current);
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      resized.disconnect();
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [anchor, popup, align]);

  return placement;
}
