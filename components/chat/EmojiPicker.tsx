'use client';

// PLACEHOLDER on the `actions` branch only, until the composer's real picker (frimousse) is on
// main: the same interface and the same roles (a dialog, a "Search emoji" box, emoji as grid
// cells named in words), a handful of emoji. Delete this file when merging with the real one.
import { useEffect, useRef, useState } from 'react';

const EMOJI: [string, string][] = [
  ['👍', 'Thumbs up'],
  ['👎', 'Thumbs down'],
  ['❤️', 'Red heart'],
  ['😂', 'Joy'],
  ['🎉', 'Party popper'],
  ['😮', 'Open mouth'],
  ['😢', 'Cry'],
  ['🙏', 'Pray'],
  ['🔥', 'Fire'],
  ['👀', 'Eyes'],
  ['✅', 'Check mark'],
  ['🚀', 'Rocket'],
  ['💯', 'Hundred'],
  ['🤔', 'Thinking'],
  ['👏', 'Clap'],
  ['😍', 'Heart eyes'],
];

export default function EmojiPicker({ onPick, onClose, label = 'Emoji picker' }: { onPick(emoji: string): void; onClose(): void; label?: string }) {
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  useEffect(() => search.current?.focus(), []);
  const shown = EMOJI.filter(([, name]) => name.toLowerCase().includes(query.trim().toLowerCase()));
  return (
    <div
      role="dialog"
      aria-label={label}
      data-testid="emoji-picker"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }}
      style={{ padding: 8, width: 312, background: 'var(--surface)', border: '1px solid var(--border-strong)', borderRadius: 16, boxShadow: 'var(--shadow)' }}
    >
      <input
        ref={search}
        aria-label="Search emoji"
        placeholder="Search emoji"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        style={{ width: '100%' }}
      />
      <div role="grid" aria-label="Emoji" style={{ display: 'grid', gridTemplateColumns: 'repeat(8, 36px)', gap: 2, marginTop: 8 }}>
        <div role="row" style={{ display: 'contents' }}>
          {shown.map(([emoji, name]) => (
            <button
              key={emoji}
              type="button"
              role="gridcell"
              aria-label={name}
              onClick={() => onPick(emoji)}
              style={{ width: 36, height: 36, fontSize: 20, border: 0, background: 'none', cursor: 'pointer' }}
            >
              {emoji}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}
