// The notification rule, as a table: level × direct/group × mentioned × own message × do not disturb.
import { describe, expect, it } from 'vitest';
import { decide, defaultLevel, LARGE_GROUP, type NotifyLevel } from '@/lib/notifications/levels';

const ME = 'me';
const OTHER = 'other';

type Row = [level: NotifyLevel, direct: boolean, mentioned: boolean, own: boolean, dnd: boolean, expected: { mention: boolean } | null];

const table: Row[] = [
  // level       direct  mentioned own    dnd    → notified?
  ['all', false, false, false, false, { mention: false }],
  ['all', false, true, false, false, { mention: true }],
  ['all', true, false, false, false, { mention: true }],
  ['mentions', false, false, false, false, null],
  ['mentions', false, true, false, false, { mention: true }],
  // Everything in a direct conversation is addressed to you.
  ['mentions', true, false, false, false, { mention: true }],
  ['none', false, true, false, false, null],
  ['none', true, false, false, false, null],
  // Nobody hears of their own message, whatever the level.
  ['all', false, true, true, false, null],
  ['all', true, false, true, false, null],
  // Do not disturb silences everything.
  ['all', false, true, false, true, null],
  ['mentions', true, false, false, true, null],
];

describe('decide', () => {
  it.each(table)('%s, direct %s, mentioned %s, own %s, dnd %s', (level, direct, mentioned, own, dnd, expected) => {
    const message = { senderId: own ? ME : OTHER, mentions: mentioned ? [ME] : [], direct };
    expect(decide(message, { userId: ME, level, dnd })).toEqual(expected);
  });

  it('does not count a mention of someone else', () => {
    expect(decide({ senderId: OTHER, mentions: ['third'], direct: false }, { userId: ME, level: 'mentions', dnd: false })).toBeNull();
  });
});

describe('defaultLevel', () => {
  it('is all in direct conversations and groups up to the large-group size, else mentions', () => {
    expect(defaultLevel('direct', 2)).toBe('all');
    expect(defaultLevel('group', LARGE_GROUP)).toBe('all');
    expect(defaultLevel('group', LARGE_GROUP + 1)).toBe('mentions');
  });
});
