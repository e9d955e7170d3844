'use client';

// The emoji picker, shared by the composer and reactions. Import it with next/dynamic so that it
// and its data cost the first page nothing:
//   const EmojiPicker = dynamic(() => import('@/components/chat/EmojiPicker'), { ssr: false });
// It is the panel only: the one who opens it positions it. It calls onClose on Escape and on a click
// outside it; a click on the button that toggles it reaches that button first, so a toggle works
// as it is (closing twice must be harmless).
import { EmojiPicker as Picker, type EmojiPickerListCategoryHeaderProps, type EmojiPickerListEmojiProps, type EmojiPickerListRowProps } from 'frimousse';
import { useEffect, useId, useRef } from 'react';
import { normalizeEmoji } from '@/lib/emoji/normalize';
import styles from './EmojiPicker.module.scss';

/** Our own copy of emojibase's files (app/emoji/[locale]/[file]), never a CDN. */
const EMOJIBASE_URL = '/emoji';

type Props = { onPick(emoji: string): void; onClose(): void; label?: string };

export default function EmojiPicker({ onPick, onClose, label = 'Emoji picker' }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);

  useEffect(() => {
    search.current?.focus();
    // A click, not a pointerdown: the click on a toggle button is handled (closing it) before this
    // listener on the document hears it, where a pointerdown would close it first and its click reopen it.
    const outside = (event: MouseEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) close.current();
    };
    document.addEventListener('click', outside);
    return () => document.removeEventListener('click', outside);
  }, []);

  return (
    <div
      ref={root}
      role="dialog"
      aria-label={label}
      className={styles.picker}
      data-testid="emoji-picker"
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopPropagation();
        onClose();
      }}
    >
      <Picker.Root className={styles.root} emojibaseUrl={EMOJIBASE_URL} locale="en" columns={8} onEmojiSelect={({ emoji }) => onPick(normalizeEmoji(emoji))}>
        <div className={styles.top}>
          <Picker.Search ref={search} className={styles.search} aria-label="Search emoji" aria-describedby={hintId} placeholder="Search emoji" />
          <Picker.SkinToneSelector className={styles.tone} />
        </div>
        <span id={hintId} className={styles.hint}>
          Arrow keys choose, Enter inserts, Escape closes.
        </span>
        {/* Focusable, so that Tab reaches the grid (frimousse then moves through it with the arrows). */}
        <Picker.Viewport className={styles.viewport} tabIndex={0}>
          <Picker.Loading className={styles.state}>Loading emoji…</Picker.Loading>
          <Picker.Empty className={styles.state}>No emoji found.</Picker.Empty>
          <Picker.List className={styles.list} components={{ CategoryHeader, Row, Emoji }} />
        </Picker.Viewport>
        <Picker.ActiveEmoji>
          {({ emoji }) => (
            <div className={styles.preview} aria-hidden="true">
              {emoji ? (
                <>
                  <span className={styles.previewEmoji}>{emoji.emoji}</span>
                  <span className={styles.previewLabel}>{emoji.label}</span>
                </>
              ) : (
                <span className={styles.previewLabel}>Pick an emoji…</span>
              )}
            </div>
          )}
        </Picker.ActiveEmoji>
      </Picker.Root>
    </div>
  );
}

function CategoryHeader({ category, ...props }: EmojiPickerListCategoryHeaderProps) {
  return (
    <div {...props} className={styles.category}>
      {category.label}
    </div>
  );
}

// frimousse counts rows and columns from 0; ARIA counts them from 1.
const fromOne = (index: number | undefined) => (typeof index === 'number' ? index + 1 : undefined);

function Row({ children, ...props }: EmojiPickerListRowProps) {
  return (
    <div {...props} aria-rowindex={fromOne(props['aria-rowindex'])} className={styles.row}>
      {children}
    </div>
  );
}

function Emoji({ emoji, ...props }: EmojiPickerListEmojiProps) {
  return (
    <button type="button" {...props} role="gridcell" aria-colindex={fromOne(props['aria-colindex'])} className={styles.emoji}>
      {emoji.emoji}
    </button>
  );
}
