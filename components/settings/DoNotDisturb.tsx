'use client';

// Do not disturb: a switch and how long it lasts (an hour, until tomorrow 9:00, until switched
// off), saved on the account so it holds on every device; the end is shown and honoured here.
import { useEffect, useState } from 'react';
import { Switch } from '@/components/ui/Switch';
import { api, ApiError } from '@/lib/client/api';
import { choiceOf, describeDnd, DND_CHOICES, dndPatch, type DndChoice } from '@/lib/client/dnd';
import type { Me } from '@/lib/users/shape';
import styles from './Notifications.module.scss';

type Dnd = Pick<Me, 'dnd' | 'dndUntil'>;

export function DoNotDisturb({ me }: { me: Me }) {
  const [dnd, setDnd] = useState<Dnd>({ dnd: me.dnd, dndUntil: me.dndUntil });
  const [choice, setChoice] = useState<DndChoice>(me.dnd ? choiceOf(me.dndUntil) : 'hour');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [now, setNow] = useState(() => new Date());

  // The pause ends by itself: the card says so when it does (the server already counts it over).
  useEffect(() => {
    if (!dnd.dnd || !dnd.dndUntil) return;
    const left = new Date(dnd.dndUntil).getTime() - Date.now();
    const timer = setTimeout(
      () => {
        setDnd({ dnd: false, dndUntil: null });
        setNow(new Date());
      },
      Math.max(0, Math.min(left, 2 ** 31 - 1)),
    );
    return () => clearTimeout(timer);
  }, [dnd]);

  async function save(body: object, nextChoice: DndChoice) {
    // Nothing is disabled while saving (focus would be dropped); a second change waits for the first.
    if (busy) return;
    const before = choice;
    // The choice shows at once; a refusal puts the previous one back.
    setChoice(nextChoice);
    setBusy(true);
    setError('');
    try {
      const { user } = await api<{ user: Me }>('/api/users/me', { method: 'PATCH', body });
      setDnd({ dnd: user.dnd, dndUntil: user.dndUntil });
      setNow(new Date());
    } catch (e) {
      setChoice(before);
      setError(`Not saved: ${e instanceof ApiError ? e.message : 'try again.'}`);
    } finally {
      setBusy(false);
    }
  }

  const toggle = (on: boolean) => void save(on ? dndPatch(choice, new Date()) : { dnd: false }, choice);

  function pick(next: DndChoice) {
    // While it is on, a new length applies at once; while off, it is what the switch will use.
    if (dnd.dnd) void save(dndPatch(next, new Date()), next);
    else setChoice(next);
  }

  return (
    <div className={styles.section}>
      <Switch
        label="Do not disturb"
        description={<span data-testid="dnd-status">{describeDnd(dnd, now)}</span>}
        checked={dnd.dnd}
        onChange={toggle}
        busy={busy}
        testId="dnd-switch"
      />
      <fieldset className={styles.choices} aria-busy={busy || undefined}>
        <legend className={styles.legend}>For how long</legend>
        {DND_CHOICES.map((c) => (
          <label key={c.choice} className={styles.choice}>
            <input type="radio" name="dnd-length" value={c.choice} checked={choice === c.choice} onChange={() => pick(c.choice)} />
            {c.label}
          </label>
        ))}
      </fieldset>
      {error && (
        <p className={styles.failed} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
