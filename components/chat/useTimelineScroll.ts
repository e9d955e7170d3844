'use client';

import { useLayoutEffect, useRef, useState } from 'react';
import { isLocalId, type ChatState } from '@/lib/client/chatState';

const NEAR_BOTTOM_PX = 48;
const NEAR_TOP_PX = 120;
/** A window of older history loads its next page this far before its end, so reading down does not stall. */
const LOAD_NEWER_PX = 400;
/** Farther than this from the newest message, "Jump to latest" is offered. */
const FAR_SCREENS = 2;

type Seen = { firstSeq: number; lastSeq: number; pendingCount: number; height: number; top: number; windowed: boolean };

type Options = {
  conversationId: string;
  onNearTop: () => void;
  /** Reading down a window of history (Timeline.hasMoreAfter): time for the next page below. */
  onNearBottom: () => void;
};

/**
 * Keeps the reader's place in a timeline: older pages load above without a jump; new messages
 * follow the bottom only when the reader is there (or sent them), else they are counted as unseen.
 * In a window of older history, pages loaded below are just more to read: never followed, never
 * counted. It reads the messages from the store when the id list changes, so the list need not
 * subscribe to them.
 */
export function useTimelineScroll(ids: string[], read: () => ChatState, { conversationId, onNearTop, onNearBottom }: Options) {
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const previous = useRef<Seen | null>(null);
  const [unseen, setUnseen] = useState(0);
  const [far, setFar] = useState(false);

  // After every render: the height may have changed with an indicator even when the ids did not.
  // It sets state only when new messages arrived, so it cannot loop.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const state = read();
    const stored = ids
      .filter((id) => !isLocalId(id))
      .map((id) => state.messages[id])
      .filter(Boolean);
    const pendingCount = ids.length - stored.length;
    const firstSeq = stored[0]?.seq ?? 0;
    const lastSeq = stored.at(-1)?.seq ?? 0;
    const windowed = Boolean(state.timelines[conversationId]?.hasMoreAfter);
    const before = previous.current;
    if (!before || before.lastSeq === 0) {
      el.scrollTop = el.scrollHeight;
    } else if (firstSeq < before.firstSeq && lastSeq === before.lastSeq) {
      el.scrollTop = before.top + (el.scrollHeight - before.height);
    } else if (before.windowed && lastSeq > before.lastSeq) {
      // The next page of a window went in below what is being read: the place stays.
    } else if (lastSeq > before.lastSeq || pendingCount > before.pendingCount) {
      const newOnes = stored.filter((m) => m.seq > before.lastSeq);
      const fromMe = pendingCount > before.pendingCount || newOnes.some((m) => m.sender?.id === state.meId);
      if (atBottom.current || fromMe) el.scrollTop = el.scrollHeight;
      else setUnseen((n) => n + newOnes.length);
    }
    previous.current = { firstSeq, lastSeq, pendingCount, height: el.scrollHeight, top: el.scrollTop, windowed };
  });

  function onScroll() {
    const el = scroller.current!;
    const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
    atBottom.current = fromBottom < NEAR_BOTTOM_PX;
    if (previous.current) {
      previous.current.top = el.scrollTop;
      previous.current.height = el.scrollHeight;
    }
    if (atBottom.current && unseen > 0) setUnseen(0);
    const isFar = fromBottom > FAR_SCREENS * el.clientHeight;
    if (isFar !== far) setFar(isFar);
    if (el.scrollTop < NEAR_TOP_PX) onNearTop();
    if (fromBottom < LOAD_NEWER_PX) onNearBottom();
  }

  function jumpToLatest() {
    const el = scroller.current!;
    const still = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollTo({ top: el.scrollHeight, behavior: still ? 'auto' : 'smooth' });
    setUnseen(0);
    setFar(false);
  }

  return { scroller, unseen, far, onScroll, jumpToLatest };
}
