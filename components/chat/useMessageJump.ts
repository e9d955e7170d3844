'use client';

// Going to one message of a timeline (a quote pressed, or `?seq=N` in the address): the store
// loads history around it when it is not held; once its row is in the DOM it is scrolled into
// view, focused, and highlighted for a moment.
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ChatStore } from '@/lib/client/chatStore';
import { parseSeq } from './message/messageText';

const HIGHLIGHT_MS = 1600;
const NOTICE_MS = 4000;

type Options = {
  store: ChatStore;
  conversationId: string;
  scroller: RefObject<HTMLDivElement | null>;
  /** The timeline has loaded: only then is a linked message looked for. */
  loaded: boolean;
  /** The message landed on (it becomes the timeline's tab stop). */
  onLanded: (id: string) => void;
};

export function useMessageJump({ store, conversationId, scroller, loaded, onLanded }: Options) {
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [, setJumps] = useState(0);
  const target = useRef<string | null>(null);

  const jump = useCallback(
    async (seq: number) => {
      const id = await store.jumpTo(conversationId, seq);
      if (!id) return setNotice('That message could not be found.');
      target.current = id;
      onLanded(id);
      setHighlightId(id);
      // A render even when the message was already on screen, for the effect below to scroll to it.
      setJumps((n) => n + 1);
    },
    [store, conversationId, onLanded],
  );

  // After every render until the message is in the DOM (its page may have just loaded).
  useLayoutEffect(() => {
    if (!target.current) return;
    const el = scroller.current?.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(target.current)}"]`);
    if (!el) return;
    target.current = null;
    el.scrollIntoView({ block: 'center' });
    el.focus({ preventScroll: true });
  });

  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => setHighlightId(null), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlightId]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  // A link to a message (`/chat/:id?seq=N`, from "Copy link"): followed once the timeline is loaded.
  const linkedSeq = parseSeq(useSearchParams().get('seq'));
  const followed = useRef<number | null>(null);
  useEffect(() => {
    if (!loaded || linkedSeq === null || followed.current === linkedSeq) return;
    followed.current = linkedSeq;
    void jump(linkedSeq);
  }, [loaded, linkedSeq, jump]);

  return { jump, highlightId, notice };
}
