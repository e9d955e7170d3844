'use client';

// The reactions under a message: one chip per emoji with its count, yours pressed, a tooltip
// naming who reacted (as members are named now), a press toggles yours, "+" opens the picker.
import { useCallback, useRef, useState } from 'react';
import type { Conversation, Reaction } from '@/lib/schemas/responses';
import { icons } from './icons';
import { memberName, reactorNames } from './messageText';
import { preloadEmojiPicker, ReactionPicker } from './ReactionPicker';
import styles from './Reactions.module.scss';

type Props = {
  messageId: string;
  reactions: Reaction[];
  meId: string;
  conversation: Conversation | undefined;
  mine: boolean;
  tabbable: boolean;
  onToggle: (emoji: string) => void;
};

export function Reactions({ messageId, reactions, meId, conversation, mine, tabbable, onToggle }: Props) {
  const plus = useRef<HTMLButtonElement>(null);
  const [picking, setPicking] = useState(false);
  const closePicker = useCallback(() => {
    setPicking(false);
    plus.current?.focus();
  }, []);
  const nameOf = (userId: string) => memberName(conversation, userId);

  return (
    <div className={[styles.reactions, mine && styles.mine].filter(Boolean).join(' ')} role="group" aria-label="Reactions" aria-live="off">
      {reactions.map((r, i) => {
        const yours = r.userIds.includes(meId);
        const tipId = `reactors-${messageId}-${i}`;
        return (
          <span key={r.emoji} className={styles.chipWrap}>
            <button
              type="button"
              className={[styles.chip, yours && styles.yours].filter(Boolean).join(' ')}
              aria-pressed={yours}
              aria-describedby={tipId}
              tabIndex={tabbable ? 0 : -1}
              data-testid="reaction"
              data-emoji={r.emoji}
              onClick={() => onToggle(r.emoji)}
            >
              <span className={styles.emoji}>{r.emoji}</span>
              <span className={styles.count}>{r.count.toLocaleString()}</span>
            </button>
            <span role="tooltip" id={tipId} className={styles.tooltip}>
              {reactorNames(r.userIds, meId, nameOf)} reacted with {r.emoji}
            </span>
          </span>
        );
      })}
      <button
        ref={plus}
        type="button"
        className={styles.add}
        aria-label="Add a reaction"
        title="Add a reaction"
        tabIndex={tabbable ? 0 : -1}
        aria-haspopup="dialog"
        aria-expanded={picking}
        onPointerEnter={preloadEmojiPicker}
        onFocus={preloadEmojiPicker}
        onClick={() => setPicking((open) => !open)}
      >
        {icons.addReaction}
      </button>
      {picking && <ReactionPicker anchor={plus} align={mine ? 'end' : 'start'} onPick={onToggle} onClose={closePicker} />}
    </div>
  );
}
