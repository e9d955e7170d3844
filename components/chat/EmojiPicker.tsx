'use client';

// PLACEHOLDER on the `actions` branch only, until the composer's real picker is on main: the same
// interface, a handful of emoji. Delete this file when merging with the real one.
import { useEffect, useRef } from 'react';

const EMOJI = ['👍', '👎', '❤️', '😂', '🎉', '😮', '😢', '🙏', '🔥', '👀', '✅', '🚀', '💯', '🤔', '👏', '😍'];

export default function EmojiPicker({ onPick, onClose, label = 'Emoji' }: { onPick(emoji: string): void; onClose(): void; label?: string }) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      role="dialog"
      aria-label={label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          onClose();
        }
      }}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(8, 36px)', gap: 2, padding: 8 }}
    >
      {EMOJI.map((emoji, i) => (
        <button
          key={emoji}
          ref={i === 0 ? first : undefined}
          type="button"
          aria-label={emoji}
          onClick={() => onPick(emoji)}
          style={{ width: 36, height: 36, fontSize: 20, border: 0, background: 'none', cursor: 'pointer' }}
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}
