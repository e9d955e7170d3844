// This browser's side of notifications: the service worker at /sw.js, the Notification
// permission, the Web Push subscription the server sends to, and the notifications the page shows.
import 'client-only';
import { api } from './api';
import { notificationOptions, shouldShowNotification, type NotificationNotice, type NotifyLevel } from './notifications';
import { serverInfo } from './serverInfo';

/** Remembered per browser: switching off cannot take back a permission, so the page keeps the choice. */
const SWITCHED_OFF_KEY = 'relay.notifications.off';

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return notificationsSupported() ? Notification.permission : 'unsupported';
}

export function switchedOff(): boolean {
  try {
    return localStorage.getItem(SWITCHED_OFF_KEY) === '1';
  } catch {
    return false;
  }
}

function rememberSwitchedOff(off: boolean) {
  try {
    if (off) localStorage.setItem(SWITCHED_OFF_KEY, '1');
    else localStorage.removeItem(SWITCHED_OFF_KEY);
  } catch {
    // storage refused (private mode): the choice lasts as long as the page
  }
}

export function registerServiceWorker(): Promise<ServiceWorkerRegistration> {
  return navigator.serviceWorker.register('/sw.js', { scope: '/' });
}

/** On app load: with permission already given, the worker is registered so the page can show notifications and their clicks open Relay. */
export function registerIfPermitted() {
  if (notificationPermission() === 'granted' && !switchedOff()) void registerServiceWorker().catch(() => {});
}

/** The key arrives base64url; pushManager.subscribe takes its bytes. */
export function applicationServerKey(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export type PushState = { kind: 'subscribed' } | { kind: 'unreachable'; reason: string } | { kind: 'none' };

/** The subscription this browser already has, told to the server again (it keeps one row per endpoint). */
export async function currentPush(): Promise<PushState> {
  const registration = await registerServiceWorker();
  const subscription = await registration.pushManager.getSubscription();
  if (!subscription) return { kind: 'none' };
  await api('/api/push/subscriptions', { method: 'POST', body: subscription.toJSON() });
  return { kind: 'subscribed' };
}

export type EnableResult = { permission: NotificationPermission; push: PushState };

/**
 * Asks for permission (call it from a click), registers the worker and subscribes to push. A push
 * service that cannot be reached is not a failure of the whole: the page still shows notifications.
 */
export async function enableNotifications(): Promise<EnableResult> {
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') return { permission, push: { kind: 'none' } };
  rememberSwitchedOff(false);
  const registration = await registerServiceWorker();
  await navigator.serviceWorker.ready;
  let subscription = await registration.pushManager.getSubscription();
  if (!subscription) {
    const info = await serverInfo();
    if (!info.push) return { permission, push: { kind: 'unreachable', reason: 'This server does not offer push.' } };
    try {
      subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: applicationServerKey(info.push.vapidPublicKey) });
    } catch (e) {
      return { permission, push: { kind: 'unreachable', reason: (e as Error).message || String(e) } };
    }
  }
  await api('/api/push/subscriptions', { method: 'POST', body: subscription.toJSON() });
  return { permission, push: { kind: 'subscribed' } };
}

/** Switches this browser off: the server forgets its subscription, the browser drops it, and the page stops showing notifications. */
export async function disableNotifications() {
  rememberSwitchedOff(true);
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  if (!subscription) return;
  await api('/api/push/subscriptions', { method: 'DELETE', body: { endpoint: subscription.endpoint } });
  await subscription.unsubscribe();
}

/** Shows a `notification` event through the worker (a page's own `new Notification` cannot be clicked back to a closed tab). */
export async function showNotice(notice: NotificationNotice) {
  if (!(await navigator.serviceWorker.getRegistration('/'))) await registerServiceWorker();
  const registration = await navigator.serviceWorker.ready;
  await registration.showNotification(notice.title, notificationOptions(notice));
}

/** The conversation was read somewhere: its notifications are no longer news. */
export async function closeNotices(conversationId: string) {
  if (notificationPermission() !== 'granted') return;
  const registration = await navigator.serviceWorker.getRegistration('/');
  for (const n of (await registration?.getNotifications({ tag: conversationId })) ?? []) n.close();
}

/** A `notification` event from the socket: shown only when the page decides it would otherwise go unseen. */
export function noticeArrived(notice: NotificationNotice, activeId: string | null, level: NotifyLevel | undefined) {
  const attention = { permission: notificationPermission(), switchedOff: switchedOff(), hidden: document.hidden, focused: document.hasFocus(), activeId };
  if (shouldShowNotification(attention, notice.conversationId, level)) void showNotice(notice).catch(() => {});
}
