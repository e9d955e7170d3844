'use client';

import { useCallback, useEffect, useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import type { ChatState } from '@/lib/client/chatState';
import { useChatSelector, useMeId } from '../ChatProvider';
import { mentionOptions, type MentionOption } from './mentions';
import { emojiForShortcode, loadShortcodes, searchShortcodes, type EmojiOption, type ShortcodeEntry } from './shortcodes';
import { SuggestionList } from './SuggestionList';
import styles from './SuggestionList.module.scss';
import { activeTrigger, insertMention, justFinishedShortcode, replaceRange, type Trigger } from './triggers';

export type Edit = { text: string; caret: number };

/** The shortcode index, fetched the first time it is `needed`. */
function useShortcodes(needed: boolean): ShortcodeEntry[] | null {
  const [index, setIndex] = useState<ShortcodeEntry[] | null>(null);
  useEffect(() => {
    if (!needed || index) return;
    let live = true;
    loadShortcodes().then(
      (loaded) => live && setIndex(loaded),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [needed, index]);
  return index;
}

type Options = { kind: 'mention'; items: MentionOption[] } | { kind: 'emoji'; items: EmojiOption[] };

/**
 * `@mention` and `:shortcode:` completion for the composer's text box: what the caret is in,
 * the matching options, the highlight, and the keys (arrows move, Enter or Tab picks, Escape
 * closes). A pick hands the new text and caret to `apply`.
 */
export function useAutocomplete({
  conversationId,
  text,
  caret,
  focused,
  apply,
}: {
  conversationId: string;
  text: string;
  caret: number;
  focused: boolean;
  apply: (edit: Edit) => void;
}) {
  const meId = useMeId();
  const members = useChatSelector(useCallback((state: ChatState) => state.conversations[conversationId]?.members, [conversationId]));
  const type = useChatSelector(useCallback((state: ChatState) => state.conversations[conversationId]?.type ?? 'direct', [conversationId]));
  const listId = useId();
  const trigger: Trigger | null = focused ? activeTrigger(text, caret) : null;
  const index = useShortcodes(trigger?.kind === 'emoji');
  // Escape closes the list for the word being typed; a new `@` or `:` opens it again.
  const [dismissed, setDismissed] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [shownQuery, setShownQuery] = useState('');
  const where = trigger ? `${trigger.kind}:${trigger.start}` : '';
  const query = trigger ? `${where}:${trigger.query}` : '';
  if (query !== shownQuery) {
    setShownQuery(query);
    setActive(0);
  }

  const kind = trigger?.kind ?? null;
  const typed = trigger?.query ?? '';
  const options = useMemo((): Options | null => {
    if (kind === 'mention') return members ? { kind, items: mentionOptions({ type, members }, meId, typed) } : null;
    if (kind === 'emoji') return index ? { kind, items: searchShortcodes(index, typed) } : null;
    return null;
  }, [kind, typed, members, type, meId, index]);

  const count = options?.items.length ?? 0;
  const open = Boolean(trigger && options && count > 0 && dismissed !== where);
  const highlighted = Math.min(active, count - 1);
  const optionId = (i: number) => `${listId}-option-${i}`;

  function pick(i: number) {
    if (!trigger || !options) return;
    const option = options.items[i];
    if (!option) return;
    if (options.kind === 'mention') apply(insertMention(text, trigger, (option as MentionOption).username));
    else apply(replaceRange(text, trigger.start, trigger.end, (option as EmojiOption).emoji));
  }

  /** Handles the key when the list is open; false leaves it to the composer. */
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): boolean {
    if (!open || event.nativeEvent.isComposing) return false;
    const step = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (step && !event.altKey && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      setActive((highlighted + step + count) % count);
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && !event.shiftKey) {
      event.preventDefault();
      pick(highlighted);
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      setDismissed(where);
      return true;
    }
    return false;
  }

  /** Typing the closing colon of a known `:shortcode:` turns it into its emoji. */
  function complete(next: string, nextCaret: number): Edit | null {
    const done = index && justFinishedShortcode(next, nextCaret);
    const emoji = done && emojiForShortcode(index, done.code);
    return done && emoji ? replaceRange(next, done.start, done.end, emoji) : null;
  }

  const textboxProps = {
    'aria-autocomplete': 'list' as const,
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? optionId(highlighted) : undefined,
  };

  const list =
    open && options ? (
      options.kind === 'mention' ? (
        <SuggestionList
          id={listId}
          label="People to mention"
          options={options.items}
          active={highlighted}
          optionId={optionId}
          keyOf={(o) => o.key}
          onPick={pick}
          onHover={setActive}
          render={(o) => (
            <>
              {o.everyone ? (
                <span className={styles.everyone} aria-hidden="true">
                  @
                </span>
              ) : (
                <Avatar name={o.displayName} url={o.avatarUrl} seed={o.key} size={24} />
              )}
              <span className={styles.name}>
                <bdi>{o.displayName}</bdi>
              </span>
              <span className={styles.handle}>@{o.username}</span>
            </>
          )}
        />
      ) : (
        <SuggestionList
          id={listId}
          label="Emoji"
          options={options.items}
          active={highlighted}
          optionId={optionId}
          keyOf={(o) => o.key}
          onPick={pick}
          onHover={setActive}
          render={(o) => (
            <>
              <span className={styles.emoji} aria-hidden="true">
                {o.emoji}
              </span>
              <span className={styles.name}>:{o.shortcode}:</span>
              <span className={styles.handle}>{o.label}</span>
            </>
          )}
        />
      )
    ) : null;

  const status = open ? `${count} ${options?.kind === 'mention' ? (count === 1 ? 'person' : 'people') : 'emoji'}: arrows choose, Enter inserts.` : '';

  return { open, onKeyDown, complete, textboxProps, list, status };
}
