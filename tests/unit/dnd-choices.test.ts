// Do not disturb as Settings offers it: what each choice asks of the server, and how its end reads.
import { describe, expect, it } from 'vitest';
import { choiceOf, describeDnd, dndPatch, tomorrowAtNine } from '@/lib/client/dnd';
import { describeTest } from '@/lib/client/notifications';

const now = new Date(2030, 0, 2, 22, 30); // 22:30 local time

describe('do not disturb choices', () => {
  it('asks for an end an hour ahead, tomorrow at 9:00 local time, or none at all', () => {
    expect(dndPatch('hour', now)).toEqual({ dndUntil: new Date(2030, 0, 2, 23, 30).toISOString() });
    expect(dndPatch('tomorrow', now)).toEqual({ dndUntil: new Date(2030, 0, 3, 9, 0).toISOString() });
    expect(dndPatch('off-only', now)).toEqual({ dnd: true });
  });

  it('takes tomorrow as the next calendar day, across a month’s end', () => {
    expect(tomorrowAtNine(new Date(2030, 0, 31, 0, 15))).toEqual(new Date(2030, 1, 1, 9, 0));
  });

  it('tells which choice an end was made with', () => {
    expect(choiceOf(null)).toBe('off-only');
    expect(choiceOf(new Date(2030, 0, 3, 9, 0).toISOString())).toBe('tomorrow');
    expect(choiceOf(new Date(2030, 0, 2, 23, 30).toISOString())).toBe('hour');
  });

  it('says when it ends: today, tomorrow, later, or when switched off', () => {
    expect(describeDnd({ dnd: false, dndUntil: null }, now)).toMatch(/^Off/);
    expect(describeDnd({ dnd: true, dndUntil: null }, now)).toMatch(/^On until you turn it off/);
    expect(describeDnd({ dnd: true, dndUntil: new Date(2030, 0, 2, 23, 30).toISOString() }, now)).toMatch(/^On until 23:30 today/);
    expect(describeDnd({ dnd: true, dndUntil: new Date(2030, 0, 3, 9, 0).toISOString() }, now)).toMatch(/^On until tomorrow at 09:00/);
    expect(describeDnd({ dnd: true, dndUntil: new Date(2030, 0, 9, 9, 0).toISOString() }, now)).toMatch(/^On until Wednesday 9 January at 09:00/);
  });
});

describe('the test notification’s answer in words', () => {
  it('says nothing was sent without a subscription, and how many of several got it', () => {
    expect(describeTest({ subscriptions: 0, delivered: 0 })).toMatch(/No browser of yours is subscribed/);
    expect(describeTest({ subscriptions: 1, delivered: 1 })).toBe('Sent to your subscribed browser. It should appear in a moment.');
    expect(describeTest({ subscriptions: 3, delivered: 3 })).toMatch(/^Sent to all of your 3 subscribed browsers/);
    expect(describeTest({ subscriptions: 2, delivered: 1 })).toMatch(/^Delivered to 1 of your 2 subscribed browsers/);
    expect(describeTest({ subscriptions: 2, delivered: 0 })).toMatch(/^Could not be delivered to your 2 subscribed browsers/);
  });
});
