// Do not disturb, as the Settings card offers it: what each choice sends to PATCH /api/users/me,
// and how the end of a pause reads. Pure, so the times are tested in any time zone.
import 'client-only';

export type DndChoice = 'hour' | 'tomorrow' | 'off-only';

export const DND_CHOICES: { choice: DndChoice; label: string }[] = [
  { choice: 'hour', label: 'For 1 hour' },
  { choice: 'tomorrow', label: 'Until tomorrow, 9:00' },
  { choice: 'off-only', label: 'Until I turn it off' },
];

/** The next calendar day at 9:00, local time. */
export function tomorrowAtNine(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0, 0);
}

/** The body that switches do not disturb on with this choice. */
export function dndPatch(choice: DndChoice, now: Date): { dnd: true } | { dndUntil: string } {
  if (choice === 'off-only') return { dnd: true };
  const until = choice === 'hour' ? new Date(now.getTime() + 60 * 60_000) : tomorrowAtNine(now);
  return { dndUntil: until.toISOString() };
}

/** Which choice a pause that is on was probably made with (the server keeps only its end). */
export function choiceOf(dndUntil: string | null): DndChoice {
  if (!dndUntil) return 'off-only';
  const until = new Date(dndUntil);
  return until.getHours() === 9 && until.getMinutes() === 0 ? 'tomorrow' : 'hour';
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });

function sameDay(a: Date, b: Date) {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** "On until 15:40 today", "On until tomorrow at 09:00", "On until you turn it off", or "Off". */
export function describeDnd(me: { dnd: boolean; dndUntil: string | null }, now: Date): string {
  if (!me.dnd) return 'Off: notifications reach you as your levels allow.';
  if (!me.dndUntil) return 'On until you turn it off. No notifications reach you; unread counts still add up.';
  const until = new Date(me.dndUntil);
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  const when = sameDay(until, now)
    ? `${clock.format(until)} today`
    : sameDay(until, tomorrow)
      ? `tomorrow at ${clock.format(until)}`
      : `${day.format(until)} at ${clock.format(until)}`;
  return `On until ${when}. No notifications reach you until then; unread counts still add up.`;
}
