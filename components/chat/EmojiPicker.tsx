'use client';

// PLACEHOLDER on the `actions` branch only, until the composer's real picker (frimousse) is on
// main: the same interface and the same roles (a dialog, a "Search emoji" box, emoji as grid
// cells), a handful of emoji. Delete this file when merging with the real one.
import { useEffect, useRef, useState } from 'react';

const EMOJI: [string, string][] = [
  ['👍', 'thumbs up'],
  ['👎', 'thumbs down'],
  ['❤️', 'red heart'],
  ['😂', 'joy'],
  ['🎉', 'party popper'],
  ['😮', 'open mouth'],
  ['😢', 'cry'],
  ['🙏', 'pray'],
  ['🔥', 'fire'],
  ['👀', 'eyes'],
  ['✅', 'check mark'],
  ['🚀', 'rocket'],
  ['💯', 'hundred'],
  ['🤔', 'thinking'],
  ['👏', 'clap'],
  ['😍', 'heart eyes'],
];

export default function EmojiPicker({ onPick, onClose, label = 'Emoji picker' }: { onPick(emoji: string): void; onClose(): void; label?: string }) {
  const search = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  useEffect(() => search.current?.focus(), []);
  const shown = EMOJI.filter(([, name]) => name.includes(query.trim().toLowerCase()));
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
      style={{ padding: 8, width: 312 }}
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
          {shown.map(([emoji]) => (
            <button
              key={emoji}
              type="button"
              role="gridcell"
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
