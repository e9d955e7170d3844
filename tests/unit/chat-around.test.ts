// Jumping to a message that is not loaded: the window around it joins what the timeline holds only
// where the two touch, and otherwise takes its place, so no gap is ever papered over.
import { describe, expect, it, vi } from 'vitest';
import type { ChatState, StateCell } from '@/lib/client/chatState';
import { patchTimeline } from '@/lib/client/chatState';
import { message, order, stateWith } from './chat-fixtures';

const pages: unknown[] = [];
vi.mock('@/lib/client/api', () => ({ api: async () => pages.shift() }));

const { fetchAround } = await import('@/lib/client/history');

function cellOf(initial: ChatState): StateCell {
  let state = initial;
  return { get: () => state, set: (next) => void (state = next) };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));
const window = (from: number, to: number, hasMoreBefore: boolean, hasMoreAfter: boolean) => ({ items: range(from, to), hasMoreBefore, hasMoreAfter });

describe('history around a message', () => {
  it('joins the timeline when it reaches the oldest message held, keeping what the timeline knew of newer ones', async () => {
    const cell = cellOf(patchTimeline(stateWith([8, 9, 10]), 'c1', { hasMoreBefore: true }));
    pages.push(window(3, 7, true, true));
    await fetchAround(cell, 'c1', 5);
    expect(order(cell.get())).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(cell.get().timelines.c1).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
  });

  it('takes the timeline’s place when there is a gap between them', async () => {
    const cell = cellOf(stateWith([50, 51, 52]));
    pages.push(window(3, 7, true, true));
    await fetchAround(cell, 'c1', 5);
    expect(order(cell.get())).toEqual([3, 4, 5, 6, 7]);
    expect(cell.get().timelines.c1).toMatchObject({ hasMoreBefore: true, hasMoreAfter: true });
  });

  it('replaces a window of older history with one past its end instead of joining across the gap', async () => {
    const cell = cellOf(patchTimeline(stateWith([75, 76, 77]), 'c1', { hasMoreBefore: true, hasMoreAfter: true }));
    pages.push(window(475, 479, true, true));
    await fetchAround(cell, 'c1', 477);
    expect(order(cell.get())).toEqual([475, 476, 477, 478, 479]);
  });

  it('extends a window downwards when the new one overlaps its end, taking the page’s word on what follows', async () => {
    const cell = cellOf(patchTimeline(stateWith([75, 76, 77]), 'c1', { hasMoreBefore: true, hasMoreAfter: true }));
    pages.push(window(76, 80, true, false));
    await fetchAround(cell, 'c1', 78);
    expect(order(cell.get())).toEqual([75, 76, 77, 78, 79, 80]);
    expect(cell.get().timelines.c1).toMatchObject({ hasMoreBefore: true, hasMoreAfter: false });
  });
});
