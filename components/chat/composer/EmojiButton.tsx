'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import styles from './EmojiButton.module.scss';

// Its code and its data load the first time someone opens it (or points at the button), never with the page.
const loadPicker = () => import('../EmojiPicker');
const EmojiPicker = dynamic(loadPicker, {
  ssr: false,
  loading: () => (
    <div className={styles.loading} role="status">
      Loading emoji…
    </div>
  ),
});

type Props = { onPick: (emoji: string) => void; onClosed: () => void };

/** The composer's "Insert emoji" button and the picker above it. Picking or Escape closes it; onClosed returns focus to the text box. */
export function EmojiButton({ onPick, onClosed }: Props) {
  const [open, setOpen] = useState(false);
  const close = () => {
    setOpen(false);
    onClosed();
  };
  return (
    <>
      <button
        type="button"
        className={styles.button}
        aria-label="Insert emoji"
        title="Insert emoji"
        aria-expanded={open}
        aria-haspopup="dialog"
        onPointerEnter={() => void loadPicker()}
        onFocus={() => void loadPicker()}
        onClick={() => (open ? close() : setOpen(true))}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <path d="M8.5 14.5a4.5 4.5 0 0 0 7 0" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          <circle cx="9" cy="10" r="1.2" fill="currentColor" />
          <circle cx="15" cy="10" r="1.2" fill="currentColor" />
        </svg>
      </button>
      {open && (
        <div className={styles.popover}>
          <EmojiPicker
            label="Insert emoji"
            onPick={(emoji) => {
              onPick(emoji);
              close();
            }}
            onClose={close}
          />
        </div>
      )}
    </>
  );
}
