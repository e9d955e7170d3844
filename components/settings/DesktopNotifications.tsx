'use client';

// "Desktop notifications on this browser": the permission, the service worker and the Web Push
// subscription behind one switch, each state said as it is, and a test notification through push.
import { useCallback, useEffect, useState } from 'react';
import { Button } from '@/components/ui/Button';
import { Switch } from '@/components/ui/Switch';
import { api, ApiError } from '@/lib/client/api';
import { describeTest, type TestResult } from '@/lib/client/notifications';
import { currentPush, disableNotifications, enableNotifications, notificationPermission, switchedOff, type PushState } from '@/lib/client/push';
import styles from './Notifications.module.scss';

type Status =
  | { kind: 'checking' }
  | { kind: 'unsupported' }
  | { kind: 'denied' }
  | { kind: 'off' }
  | { kind: 'on'; push: PushState }
  /** Allowed, but the server could not be told of this browser's subscription. */
  | { kind: 'unsaved'; reason: string };

function failure(e: unknown, fallback: string) {
  return e instanceof ApiError ? e.message : e instanceof Error && e.message ? e.message : fallback;
}

/** Where this browser stands, asking nothing of the person (no prompt): used on load and after a change of permission. */
async function readStatus(): Promise<Status> {
  const permission = notificationPermission();
  if (permission === 'unsupported') return { kind: 'unsupported' };
  if (permission === 'denied') return { kind: 'denied' };
  if (permission === 'default' || switchedOff()) return { kind: 'off' };
  try {
    const push = await currentPush();
    // Allowed before without a subscription (it failed then, or expired): try once more, still without a prompt.
    return { kind: 'on', push: push.kind === 'none' ? (await enableNotifications()).push : push };
  } catch (e) {
    return { kind: 'unsaved', reason: failure(e, 'The server did not answer.') };
  }
}

export function DesktopNotifications() {
  const [status, setStatus] = useState<Status>({ kind: 'checking' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  const refresh = useCallback(() => readStatus().then(setStatus), []);

  useEffect(() => {
    let live = true;
    const update = () => void readStatus().then((next) => live && setStatus(next));
    update();
    // Allowed or blocked from the address bar while this page is open.
    let permission: PermissionStatus | null = null;
    const onChange = update;
    navigator.permissions
      ?.query({ name: 'notifications' })
      .then((p) => {
        permission = p;
        p.addEventListener('change', onChange);
      })
      .catch(() => {});
    return () => {
      live = false;
      permission?.removeEventListener('change', onChange);
    };
  }, []);

  async function toggle(on: boolean) {
    setBusy(true);
    setError('');
    try {
      if (on) {
        const result = await enableNotifications();
        setStatus(result.permission === 'granted' ? { kind: 'on', push: result.push } : result.permission === 'denied' ? { kind: 'denied' } : { kind: 'off' });
        if (result.permission === 'default') setError('The browser was not given an answer: notifications stay off. Switch on again to be asked again.');
      } else {
        await disableNotifications();
        setStatus({ kind: 'off' });
      }
    } catch (e) {
      setError(on ? `Could not switch notifications on: ${failure(e, 'unknown error')}` : `Could not switch notifications off: ${failure(e, 'unknown error')}`);
      await refresh();
    } finally {
      setBusy(false);
    }
  }

  const checked = status.kind === 'on' || status.kind === 'unsaved';
  const disabled = status.kind === 'checking' || status.kind === 'unsupported' || status.kind === 'denied';

  return (
    <div className={styles.section}>
      <Switch
        label="Desktop notifications on this browser"
        description="New messages, as your levels below allow, while Relay is in the background."
        checked={checked}
        onChange={(next) => void toggle(next)}
        disabled={disabled}
        busy={busy}
        testId="desktop-notifications"
      />
      <div aria-live="polite" data-testid="push-status">
        <StatusText status={status} onRetry={() => void toggle(true)} busy={busy} />
        {error && (
          <p className={styles.failed} role="alert">
            {error}
          </p>
        )}
      </div>
      <TestNotification />
    </div>
  );
}

function StatusText({ status, onRetry, busy }: { status: Status; onRetry: () => void; busy: boolean }) {
  switch (status.kind) {
    case 'checking':
      return <p className={styles.status}>Checking this browser…</p>;
    case 'unsupported':
      return (
        <p className={styles.status}>
          This browser cannot show notifications from web pages: it lacks service workers, the Push API or notifications. On iPhone and iPad, add Relay to the
          Home Screen (Share, then Add to Home Screen) and open it from there.
        </p>
      );
    case 'denied':
      return (
        <p className={[styles.status, styles.warning].join(' ')}>
          Notifications are blocked for this site. To allow them, click the lock or site settings icon at the left of the address bar, set Notifications to
          Allow, then reload this page.
        </p>
      );
    case 'off':
      return <p className={styles.status}>Off in this browser.</p>;
    case 'unsaved':
      return (
        <div className={[styles.status, styles.warning].join(' ')}>
          <p>Notifications are allowed, but the server could not be told about this browser: {status.reason}</p>
          <Button type="button" variant="secondary" size="small" onClick={onRetry} busy={busy}>
            Try again
          </Button>
        </div>
      );
    case 'on':
      if (status.push.kind === 'subscribed')
        return (
          <p className={[styles.status, styles.good].join(' ')}>On. This browser is subscribed to push: notifications arrive even when no Relay tab is open.</p>
        );
      return (
        <div className={[styles.status, styles.warning].join(' ')}>
          <p>
            Notifications are allowed, but this browser could not reach its push service
            {status.push.kind === 'unreachable' && status.push.reason ? ` (it said: “${status.push.reason}”)` : ''}. Notifications still show while a Relay tab
            is open, even in the background; with every Relay tab closed, none arrive in this browser.
          </p>
          <Button type="button" variant="secondary" size="small" onClick={onRetry} busy={busy}>
            Try again
          </Button>
        </div>
      );
  }
}

function TestNotification() {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'sending' } | { kind: 'sent'; text: string } | { kind: 'failed'; text: string }>({
    kind: 'idle',
  });

  async function send() {
    setState({ kind: 'sending' });
    try {
      setState({ kind: 'sent', text: describeTest(await api<TestResult>('/api/notifications/test', { method: 'POST' })) });
    } catch (e) {
      setState({ kind: 'failed', text: `Could not send a test notification: ${failure(e, 'unknown error')}` });
    }
  }

  return (
    <div className={styles.actions}>
      <Button type="button" variant="secondary" onClick={() => void send()} busy={state.kind === 'sending'}>
        {state.kind === 'sending' ? 'Sending…' : 'Send me a test notification'}
      </Button>
      <span aria-live="polite" data-testid="test-result">
        {state.kind === 'sent' && <span className={styles.note}>{state.text}</span>}
        {state.kind === 'failed' && <span className={styles.failed}>{state.text}</span>}
      </span>
    </div>
  );
}
