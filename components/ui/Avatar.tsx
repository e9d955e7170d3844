'use client';

import { useState } from 'react';
import styles from './Avatar.module.scss';

// White initials read at 4.5:1 or more on each of these (WCAG AA), in either theme.
const palette = ['#4f46e5', '#0e7490', '#047857', '#b45309', '#be185d', '#7c3aed', '#dc2626', '#2563eb'];

/** Up to two initials, from letters only ("Alice L. (QA)" is "AQ", never "A("), in any script. */
export function initials(name: string): string {
  const words = name
    .split(/\s+/)
    .map((w) => w.match(/[\p{L}\p{N}]/u)?.[0])
    .filter((c): c is string => Boolean(c));
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words.slice(0, 1);
  return letters.join('').toUpperCase() || '?';
}

function colourFor(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length];
}

/** A person's picture (a square WebP on this server, `/api/users/:id/avatar?v=…`), or their initials on a colour derived from their id (also when the picture fails to load). */
export function Avatar({ name, url, seed, size = 40 }: { name: string; url?: string | null; seed: string; size?: number }) {
  const [failed, setFailed] = useState<string | null>(null);
  const picture = url && failed !== url ? url : null;
  return (
    <span
      className={styles.avatar}
      style={{ width: size, height: size, fontSize: size * 0.4, background: picture ? 'var(--surface-2)' : colourFor(seed) }}
      aria-hidden="true"
    >
      {/* eslint-disable-next-line @next/next/no-img-element -- an avatar on this server, already sized */}
      {picture ? <img src={picture} alt="" referrerPolicy="no-referrer" onError={() => setFailed(picture)} /> : initials(name)}
    </span>
  );
}
