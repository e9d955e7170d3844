// How times, days and the typing line are shown in the chat. Message bodies are parsed by
// lib/messages/body.ts, the parser the server uses too.
const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' });

export function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

export function clockTime(iso: string): string {
  return time.format(new Date(iso));
}

/** For the conversation list: a time today, a weekday this week, else a date. */
export function listTime(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (sameDay(d, now)) return time.format(d);
  if (now.getTime() - d.getTime() < 6 * 86_400_000) return weekday.format(d);
  return shortDate.format(d);
}

export function dayLabel(iso: string, now = new Date()): string {
  const d = new Date(iso);
  if (sameDay(d, now)) return 'Today';
  if (sameDay(d, new Date(now.getTime() - 86_400_000))) return 'Yesterday';
  return longDay.format(d);
}

export function lastSeen(iso: string | null, now = new Date()): string {
  if (!iso) return 'Offline';
  const minutes = Math.round((now.getTime() - new Date(iso).getTime()) / 60_000);
  if (minutes < 1) return 'Last seen just now';
  if (minutes < 60) return `Last seen ${minutes} min ago`;
  if (sameDay(new Date(iso), now)) return `Last seen at ${clockTime(iso)}`;
  return `Last seen ${dayLabel(iso, now).toLowerCase()}`;
}

/** "1 member", "2 members": a group's size, in the header, the list and its details. */
export function memberCount(n: number): string {
  return `${n.toLocaleString()} ${n === 1 ? 'member' : 'members'}`;
}

/** What a rate-limited send says while it waits: whole seconds left, rounded up, never below 1 until it goes. */
export function retryCountdown(at: number, now: number): string {
  const seconds = Math.ceil((at - now) / 1000);
  return seconds > 0 ? `Sending again in ${seconds} s` : 'Sending again…';
}

export function typingLine(names: string[]): string | null {
  if (names.length === 0) return null;
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return 'Several people are typing…';
}
