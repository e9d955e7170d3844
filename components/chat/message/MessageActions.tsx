'use client';

// One menu per message: quick reactions, the full picker, reply, copy text or link, edit and
// delete, each offered only when allowed. Opened by its button, by R (or Enter) on the focused
// message, or by a long press on a phone; the message item owns whether it is open.
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Menu, MenuGroup, MenuItem, MenuSeparator, type MenuCloseReason } from '@/components/ui/Menu';
import type { Reaction } from '@/lib/schemas/responses';
import { icons } from './icons';
import styles from './MessageActions.module.scss';
import { QUICK_REACTIONS } from './messageText';
import { preloadEmojiPicker, ReactionPicker } from './ReactionPicker';

export type MessageActionHandlers = {
  onToggleReaction: (emoji: string) => void;
  onReply?: () => void;
  onCopyText?: () => void;
  onCopyLink: () => void;
  onEdit?: () => void;
  onDelete?: () => void;
};

type Props = MessageActionHandlers & {
  messageId: string;
  reactions: Reaction[];
  meId: string;
  /** Your own message sits on the right: its menu opens towards the middle. */
  mine: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** In the timeline's tab order (the message that is the tab stop), or reached by its message. */
  tabbable: boolean;
};

export const REACT_SHORTCUT = 'R';

export function MessageActions({ messageId, reactions, meId, mine, open, onOpenChange, tabbable, ...act }: Props) {
  const button = useRef<HTMLButtonElement>(null);
  // Where focus goes back to when the menu closes: what had it when it opened (the message, when
  // opened by its shortcut), else this button.
  const opener = useRef<HTMLElement | null>(null);
  const [picking, setPicking] = useState(false);
  const menuId = `actions-${messageId}`;
  const align = mine ? 'end' : 'start';

  useLayoutEffect(() => {
    if (!open) return;
    preloadEmojiPicker();
    const focused = document.activeElement;
    opener.current = focused instanceof HTMLElement && focused !== document.body ? focused : button.current;
  }, [open]);
  const refocus = useCallback(() => (opener.current?.isConnected ? opener.current : button.current)?.focus(), []);

  const close = useCallback(
    (reason: MenuCloseReason) => {
      onOpenChange(false);
      if (reason !== 'outside') refocus();
    },
    [onOpenChange, refocus],
  );
  const closePicker = useCallback(() => {
    setPicking(false);
    refocus();
  }, [refocus]);
  const mineOf = (emoji: string) => reactions.some((r) => r.emoji === emoji && r.userIds.includes(meId));

  return (
    <span className={styles.slot} data-open={open || picking || undefined} aria-live="off">
      <button
        ref={button}
        type="button"
        className={styles.button}
        aria-label="Message actions"
        title={`Message actions (${REACT_SHORTCUT} on a message to react)`}
        aria-keyshortcuts={REACT_SHORTCUT}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        tabIndex={tabbable ? 0 : -1}
        data-testid="message-actions"
        onClick={() => onOpenChange(!open)}
        onKeyDown={(e) => {
          // The shortcut it announces works on the button itself too, not only on its message.
          if (e.key.toUpperCase() === REACT_SHORTCUT && !e.ctrlKey && !e.metaKey && !e.altKey) {
            e.preventDefault();
            onOpenChange(true);
          }
        }}
      >
        {icons.more}
      </button>
      {open && (
        <Menu anchor={button} id={menuId} label="Message actions" align={align} onClose={close} className={styles.menu}>
          <MenuGroup label="Quick reactions" className={styles.quick}>
            {QUICK_REACTIONS.map((emoji) => (
              <MenuItem
                key={emoji}
                className={styles.quickItem}
                checked={mineOf(emoji)}
                aria-label={`React with ${emoji}`}
                onSelect={() => act.onToggleReaction(emoji)}
              >
                {emoji}
              </MenuItem>
            ))}
          </MenuGroup>
          <MenuItem onSelect={() => setPicking(true)}>
            <Icon>{icons.smile}</Icon>More reactions…
          </MenuItem>
          <MenuSeparator />
          {act.onReply && (
            <MenuItem onSelect={act.onReply}>
              <Icon>{icons.reply}</Icon>Reply
            </MenuItem>
          )}
          {act.onCopyText && (
            <MenuItem onSelect={act.onCopyText}>
              <Icon>{icons.copy}</Icon>Copy text
            </MenuItem>
          )}
          <MenuItem onSelect={act.onCopyLink}>
            <Icon>{icons.link}</Icon>Copy link
          </MenuItem>
          {(act.onEdit || act.onDelete) && <MenuSeparator />}
          {act.onEdit && (
            <MenuItem onSelect={act.onEdit}>
              <Icon>{icons.edit}</Icon>Edit message
            </MenuItem>
          )}
          {act.onDelete && (
            <MenuItem tone="danger" onSelect={act.onDelete}>
              <Icon>{icons.trash}</Icon>Delete message
            </MenuItem>
          )}
        </Menu>
      )}
      {picking && <ReactionPicker anchor={button} align={align} onPick={act.onToggleReaction} onClose={closePicker} />}
    </span>
  );
}

function Icon({ children }: { children: ReactNode }) {
  return (
    <span className={styles.icon} aria-hidden="true">
      {children}
    </span>
  );
}
