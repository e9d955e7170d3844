// The three notification levels a conversation can have, as words and bell icons, for the
// conversation's menu, the list's muted mark and the Settings card alike.
import { LineIcon } from '@/components/ui/LineIcon';
import type { NotifyLevel } from '@/lib/client/notifications';

export const NOTIFY_LEVELS: { level: NotifyLevel; label: string; hint: string }[] = [
  { level: 'all', label: 'All', hint: 'Every new message' },
  { level: 'mentions', label: 'Mentions', hint: 'Only messages that mention you' },
  { level: 'none', label: 'Nothing', hint: 'Muted: no notifications, not counted in the tab title' },
];

export function levelLabel(level: NotifyLevel): string {
  return NOTIFY_LEVELS.find((l) => l.level === level)?.label ?? 'All';
}

const bellPath = 'M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9';
const clapperPath = 'M13.73 21a2 2 0 0 1-3.46 0';

/** A bell for all, a bell with an @ for mentions, a struck-through bell for nothing. */
export function LevelIcon({ level, size = 16 }: { level: NotifyLevel; size?: number }) {
  if (level === 'none')
    return (
      <LineIcon size={size}>
        <path d={clapperPath} />
        <path d="M18.63 13A17.9 17.9 0 0 1 18 8" />
        <path d="M6.26 6.26A5.86 5.86 0 0 0 6 8c0 7-3 9-3 9h14" />
        <path d="M18 8a6 6 0 0 0-9.33-5" />
        <line x1="2" y1="2" x2="22" y2="22" />
      </LineIcon>
    );
  return (
    <LineIcon size={size}>
      <path d={bellPath} />
      <path d={clapperPath} />
      {level === 'mentions' && <circle cx="12" cy="11" r="2" />}
    </LineIcon>
  );
}
