'use client';

import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { useChatStore } from '../ChatProvider';

/** How long after the last keystroke here someone counts as still typing. */
export const TYPING_QUIET_MS = 2000;

/**
 * The composer's text, as a draft that follows its writer: it starts from the saved draft, every
 * change is saved (the store debounces), and leaving the conversation saves at once. While a
 * message is being edited the box holds that message instead, and the draft waits aside.
 *
 * A draft changed in another tab or device replaces the text here only when nobody is typing here:
 * the box is not focused, or its last keystroke is more than TYPING_QUIET_MS old. Otherwise it is
 * held, and applied when that quiet moment comes, unless a keystroke comes first: then this tab's
 * text is the newer one, and its save wins on the server and on the other devices. Words never
 * change under the writer's fingers, and two tabs end up agreeing.
 */
export function useDraft(conversationId: string, input: RefObject<HTMLTextAreaElement | null>) {
  const store = useChatStore();
  const [text, setText] = useState(() => store.getSnapshot().conversations[conversationId]?.draft?.body ?? '');
  // The draft while the box holds a message being edited; null when not editing.
  const [aside, setAside] = useState<string | null>(null);
  const editing = aside !== null;
  const lastTypedAt = useRef(0);
  const heldRemote = useRef<{ body: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  const editingRef = useRef(editing);
  useEffect(() => {
    editingRef.current = editing;
  }, [editing]);

  const dropHeld = useCallback(() => {
    if (heldRemote.current) clearTimeout(heldRemote.current.timer);
    heldRemote.current = null;
  }, []);

  /** What the writer changed (typing, a pick, a pasted emoji): shown, and saved unless it is an edit. */
  const change = useCallback(
    (next: string) => {
      setText(next);
      lastTypedAt.current = Date.now();
      dropHeld();
      if (!editingRef.current) store.saveDraft(conversationId, next);
    },
    [store, conversationId, dropHeld],
  );

  useEffect(() => {
    const typingHere = () => document.activeElement === input.current && Date.now() - lastTypedAt.current < TYPING_QUIET_MS;
    const apply = (body: string) => {
      if (editingRef.current) setAside(body);
      else setText(body);
    };
    const unsubscribe = store.onRemoteDraft((id, body) => {
      if (id !== conversationId) return;
      dropHeld();
      if (editingRef.current || !typingHere()) return apply(body);
      const wait = lastTypedAt.current + TYPING_QUIET_MS - Date.now();
      const retry = () => {
        if (!heldRemote.current) return;
        if (typingHere()) heldRemote.current.timer = setTimeout(retry, TYPING_QUIET_MS);
        else {
          heldRemote.current = null;
          apply(body);
        }
      };
      heldRemote.current = { body, timer: setTimeout(retry, Math.max(wait, 0) + 10) };
    });
    // Leaving the conversation, or the page: what is waiting for its second is saved now.
    const flush = () => store.flushDraft(conversationId);
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      dropHeld();
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [store, conversationId, input, dropHeld]);

  return {
    text,
    change,
    editing,
    /** The box takes the message to edit; the draft waits. */
    beginEdit: (body: string) => {
      setAside((kept) => kept ?? text);
      setText(body);
    },
    /** Back from an edit (saved or cancelled) to the draft. */
    endEdit: () => {
      setText(aside ?? '');
      setAside(null);
    },
    /** Sent: the store cleared the draft here and on the server. */
    sent: () => setText(''),
  };
}
