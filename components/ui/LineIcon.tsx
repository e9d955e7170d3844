// A decorative line icon (Feather's drawing conventions: a 24-unit box, 2-unit round strokes in
// the text colour), hidden from screen readers: the control it sits in carries the words.
// Without `size` the SVG takes its size from CSS (`className`).
import type { ReactNode } from 'react';

export function LineIcon({ size, className, children }: { size?: number; className?: string; children: ReactNode }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}
