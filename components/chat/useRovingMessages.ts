'use client';

// One message of a timeline is in the tab order at a time (a roving tabindex): the last one
// focused, else the newest. Arrow keys move between messages, Home and End go to the first and
// last held; Tab goes on into the focused message's controls.
import { useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import { isLocalId } from '@/lib/client/chatState';

const ROW = '[data-message-id]';
const MOVES = new Set(['ArrowUp', 'ArrowDown', 'Home', 'End']);

export function useRovingMessages(ids: string[], scroller: RefObject<HTMLDivElement | null>) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const newest = [...ids].reverse().find((id) => !isLocalId(id)) ?? null;
  const tabStop = activeId && ids.includes(activeId) ? activeId : newest;

  function onFocus(e: FocusEvent) {
    const row = (e.target as HTMLElement).closest<HTMLElement>(ROW);
    if (row?.dataset.messageId) setActiveId(row.dataset.messageId);
  }

  function onKeyDown(e: KeyboardEvent) {
    const el = e.target as HTMLElement;
    if (!MOVES.has(e.key) || !el.matches(ROW) || e.ctrlKey || e.metaKey || e.altKey) return;
    const rows = [...(scroller.current?.querySelectorAll<HTMLElement>(ROW) ?? [])];
    const at = rows.indexOf(el);
    const next = { ArrowUp: rows[at - 1], ArrowDown: rows[at + 1], Home: rows[0], End: rows.at(-1) }[e.key];
    e.preventDefault();
    next?.focus();
  }

  return { tabStop, setActiveId, onFocus, onKeyDown };
}
