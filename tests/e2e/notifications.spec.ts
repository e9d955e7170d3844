// Notifications in real Chromium: the service worker and the manifest, the Settings card (switch,
// truthful push state, test notification, do not disturb, levels), a message raising a browser
// notification while the page is hidden and reading closing it, a push delivered into the worker
// over CDP and its click opening the conversation, and a muted conversation staying quiet.
// Everything is driven by keyboard where a person would use one; axe and screenshots close it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import { openDirect, person, registerViaApi, seriousViolations, type Person, uniqueUsername, visit } from './helpers';

const screenshots = path.join(__dirname, '..', '.results', 'screenshots');
const granted = { permissions: ['notifications'] };

type Shown = { title: string; body: string; tag: string; data: { url?: string } | null };

/** The notifications this origin's service worker registration shows now. */
function shown(page: Page): Promise<Shown[]> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const list = await registration.getNotifications();
    return list.map((n) => ({ title: n.title, body: n.body, tag: n.tag, data: n.data as { url?: string } | null }));
  });
}

/**
 * The tab as if its person had switched to another application: hidden and without focus.
 * Headless Chromium keeps every page visible and focused, so the page's own view of it is replaced.
 */
async function hide(page: Page) {
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.hasFocus = () => false;
    document.dispatchEvent(new Event('visibilitychange'));
  });
}

async function serviceWorkerReady(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
}

async function group(owner: Person, title: string, memberIds: string[]): Promise<string> {
  const response = await owner.page.request.post('/api/conversations', { data: { type: 'group', title, memberIds } });
  expect(response.status()).toBe(201);
  return (await response.json()).conversation.id;
}

async function say(from: Person, conversationId: string, body: string) {
  const response = await from.page.request.post(`/api/conversations/${conversationId}/messages`, { data: { body } });
  expect(response.status()).toBe(201);
}

/** The registration id of this origin's worker, as DevTools knows it (for ServiceWorker.deliverPushMessage). */
async function workerRegistration(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const found = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const mine = registrations.find((r) => r.scopeURL === `${origin}/` && !r.isDeleted);
      if (mine) resolve(mine.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  return { cdp, origin, registrationId: await found };
}

test('the service worker, the manifest and its icons are served as browsers need them', async ({ request }) => {
  const sw = await request.get('/sw.js');
  expect(sw.status()).toBe(200);
  expect(sw.headers()['content-type']).toMatch(/^text\/javascript/);
  expect(sw.headers()['cache-control']).toBe('no-cache');
  expect(sw.headers()['service-worker-allowed']).toBe('/');
  expect(await sw.text()).toContain("addEventListener('notificationclick'");

  const manifest = await request.get('/manifest.webmanifest');
  expect(manifest.status()).toBe(200);
  const body = await manifest.json();
  expect(body).toMatchObject({ name: 'Relay', short_name: 'Relay', start_url: '/chat', display: 'standalone' });
  for (const icon of body.icons as { src: string; sizes: string; purpose: string }[]) {
    const png = await request.get(icon.src);
    expect(png.headers()['content-type'], icon.src).toBe('image/png');
    const { width, height, format } = await sharp(await png.body()).metadata();
    expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    expect(format).toBe('png');
  }
  expect(body.icons.map((i: { purpose: string }) => i.purpose)).toContain('maskable');
  expect((await request.get('/icons/badge-72.png')).status()).toBe(200);
  expect((await request.get('/icons/nothing.png')).status()).toBe(404);
});

test('switching desktop notifications on by keyboard registers the worker and subscribes, or says truthfully that the push service is out of reach', async ({
  browser,
  request,
}) => {
  const alice = await person(browser, request, 'Alice Switch', granted);
  const page = alice.page;
  await visit(page, '/settings');
  const card = page.getByRole('region', { name: 'Notifications' });
  const toggle = card.getByRole('switch', { name: 'Desktop notifications on this browser' });
  const status = card.getByTestId('push-status');

  // Permission given before (the context grants it): the card starts on, and says where push stands.
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect(status).toContainText(/subscribed to push|could not reach its push service/);

  // Off: the browser keeps the permission, so the page remembers the choice.
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(toggle).toBeFocused();
  await expect(status).toContainText('Off in this browser');
  await page.reload();
  await expect(toggle).toHaveAttribute('aria-checked', 'false');
  await expect(status).toContainText('Off in this browser');

  // On again, by keyboard.
  await toggle.focus();
  await page.keyboard.press('Space');
  await expect(toggle).toHaveAttribute('aria-checked', 'true');
  await expect(toggle).toBeFocused();
  await expect(status).toContainText(/subscribed to push|could not reach its push service/);
  const subscribed = (await status.textContent())!.includes('subscribed to push');
  if (!subscribed) {
    await expect(status).toContainText('Notifications still show while a Relay tab is open');
    await page.keyboard.press('Tab');
    await expect(status.getByRole('button', { name: 'Try again' })).toBeFocused();
  }
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration('/'))?.active?.scriptURL)).toMatch(/\/sw\.js$/);

  // The test goes through push only: without a subscription nothing can be sent, and the card says so.
  await page.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: 'Send me a test notification' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('test-result')).toContainText(
    subscribed ? /subscribed browser/ : 'No browser of yours is subscribed to push, so nothing was sent',
  );
});

test('blocked or missing notifications are said as such, with how to fix a block', async ({ browser, request }) => {
  const blocked = await person(browser, request, 'Bea Blocked');
  // Playwright cannot deny one context a permission, nor take an API away: the page's view of both is replaced.
  await blocked.page.addInitScript(() => Object.defineProperty(Notification, 'permission', { get: () => 'denied' }));
  await visit(blocked.page, '/settings');
  const card = blocked.page.getByRole('region', { name: 'Notifications' });
  await expect(card.getByTestId('push-status')).toContainText('Notifications are blocked for this site');
  await expect(card.getByTestId('push-status')).toContainText('lock or site settings icon at the left of the address bar');
  await expect(card.getByRole('switch', { name: 'Desktop notifications on this browser' })).toBeDisabled();

  await blocked.page.addInitScript(() => Reflect.deleteProperty(window, 'PushManager'));
  await blocked.page.reload();
  await expect(card.getByTestId('push-status')).toContainText('This browser cannot show notifications from web pages');
});

test('a message while the page is hidden raises a notification tagged by conversation, and reading it elsewhere closes it', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Away', granted);
  const bob = await person(browser, request, 'Bob Writes');
  const id = await openDirect(bob, alice);
  await visit(alice.page, '/chat');
  // Permission was given: the app registers its worker on load.
  await serviceWorkerReady(alice.page);
  await hide(alice.page);

  await say(bob, id, 'Are you there?');
  await expect.poll(() => shown(alice.page)).toEqual([{ title: 'Bob Writes', body: 'Are you there?', tag: id, data: { url: `/chat/${id}` } }]);
  await expect(alice.page).toHaveTitle(/^\(1\) /);

  // Read on another device: the `read` event reaches every socket of Alice's, and the notification goes.
  const read = await request.post(`/api/auth/token`, { data: { username: alice.username, password: 'correct horse battery' } });
  const { token } = await read.json();
  expect((await request.post(`/api/conversations/${id}/read`, { data: { seq: 1 }, headers: { Authorization: `Bearer ${token}` } })).status()).toBe(204);
  await expect.poll(() => shown(alice.page)).toEqual([]);
});

test('a push delivered into the service worker shows its notification, and clicking it opens the conversation', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Pushed', granted);
  const bob = await person(browser, request, 'Bob Pushes');
  const id = await openDirect(bob, alice);
  await visit(alice.page, '/settings');
  await serviceWorkerReady(alice.page);
  const { cdp, origin, registrationId } = await workerRegistration(alice.context, alice.page);

  const payload = {
    type: 'message',
    conversationId: id,
    messageId: 'm-1',
    seq: 1,
    title: 'Bob Pushes',
    body: 'Lunch?',
    mention: false,
    count: 1,
    icon: null,
    url: `/chat/${id}`,
  };
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(payload) });
  await expect.poll(() => shown(alice.page)).toEqual([{ title: 'Bob Pushes', body: 'Lunch?', tag: id, data: { url: `/chat/${id}` } }]);

  // A burst is one notification that counts its messages, in place of the last.
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify({ ...payload, seq: 3, count: 3, body: 'third' }) });
  await expect.poll(async () => (await shown(alice.page)).map((n) => n.body)).toEqual(['3 new messages']);

  // An OS notification cannot be clicked from a test, and CDP has no way to: the worker is handed a
  // notificationclick for the very notification, which runs its real listener (closing it and
  // opening Relay there). A synthetic event cannot be waited on (waitUntil throws after the work began).
  const worker = alice.context.serviceWorkers()[0] ?? (await alice.context.waitForEvent('serviceworker'));
  expect(worker.url()).toBe(`${origin}/sw.js`);
  await worker.evaluate(async () => {
    type WorkerScope = {
      registration: ServiceWorkerRegistration;
      NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
      dispatchEvent(event: Event): boolean;
    };
    const scope = self as unknown as WorkerScope;
    const [notification] = await scope.registration.getNotifications();
    try {
      scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification }));
    } catch {
      // waitUntil on an untrusted event
    }
  });
  await expect(alice.page).toHaveURL(`${origin}/chat/${id}`);
  await expect.poll(() => shown(alice.page)).toEqual([]);

  // Read pushes close the conversation's notifications.
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify(payload) });
  await expect.poll(async () => (await shown(alice.page)).length).toBe(1);
  await cdp.send('ServiceWorker.deliverPushMessage', { origin, registrationId, data: JSON.stringify({ type: 'read', conversationId: id }) });
  await expect.poll(() => shown(alice.page)).toEqual([]);

  // The test push opens Settings.
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin,
    registrationId,
    data: JSON.stringify({ type: 'test', title: 'Relay', body: 'It works', url: '/settings' }),
  });
  await expect.poll(() => shown(alice.page)).toEqual([{ title: 'Relay', body: 'It works', tag: 'relay-test', data: { url: '/settings' } }]);
});

test('a muted conversation, chosen from its menu by keyboard, raises no notification and stays out of the title count', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Mutes', granted);
  const bob = await person(browser, request, 'Bob Chatty');
  const direct = await openDirect(bob, alice);
  const team = await group(bob, 'Team room', [alice.id]);
  const page = alice.page;
  await visit(page, `/chat/${direct}`);

  const bell = page.getByRole('button', { name: 'Notifications: All' });
  await bell.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Notifications' });
  await expect(menu.getByRole('menuitemradio', { name: /^All/ })).toBeFocused();
  await expect(menu.getByRole('menuitemradio', { name: /^All/ })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitemradio', { name: /^Nothing/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Notifications: Nothing' })).toBeFocused();
  const row = page.locator(`a[href="/chat/${direct}"]`);
  await expect(row).toHaveAttribute('data-muted', 'true');
  await expect(row).toContainText('(muted)');

  await visit(page, '/chat');
  await serviceWorkerReady(page);
  await hide(page);
  await say(bob, direct, 'Nobody hears this');
  await say(bob, team, 'Everyone hears this');
  await expect.poll(async () => (await shown(page)).map((n) => n.tag)).toEqual([team]);
  await expect(row.getByTestId('unread-badge')).toHaveText('1');
  await expect(page).toHaveTitle(/^\(1\) Chats/);
  await say(bob, direct, 'Nor this');
  await expect(row.getByTestId('unread-badge')).toHaveText('2');
  await expect(page).toHaveTitle(/^\(1\) Chats/);
  expect((await shown(page)).map((n) => n.tag)).toEqual([team]);
});

test('do not disturb and the levels in Settings work by keyboard and say when the pause ends', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Quiet');
  const bob = await person(browser, request, 'Bob Loud');
  await openDirect(alice, bob);
  const page = alice.page;
  await visit(page, '/settings');
  const card = page.getByRole('region', { name: 'Notifications' });

  const dnd = card.getByRole('switch', { name: 'Do not disturb' });
  await card.getByRole('radio', { name: 'For 1 hour' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(card.getByRole('radio', { name: 'Until tomorrow, 9:00' })).toBeChecked();
  await dnd.focus();
  await page.keyboard.press('Space');
  await expect(dnd).toHaveAttribute('aria-checked', 'true');
  await expect(dnd).toBeFocused();
  await expect(card.getByTestId('dnd-status')).toContainText('On until tomorrow at 09:00');
  await page.reload();
  await expect(card.getByTestId('dnd-status')).toContainText('On until tomorrow at 09:00');
  // While it is on, another length applies at once.
  await card.getByRole('radio', { name: 'Until tomorrow, 9:00' }).focus();
  await page.keyboard.press('ArrowDown');
  await expect(card.getByTestId('dnd-status')).toContainText('On until you turn it off');
  await expect(card.getByRole('radio', { name: 'Until I turn it off' })).toBeFocused();
  await dnd.focus();
  await page.keyboard.press('Space');
  await expect(dnd).toHaveAttribute('aria-checked', 'false');
  await expect(card.getByTestId('dnd-status')).toContainText('Off');

  const levels = card.getByRole('radiogroup', { name: 'Bob Loud' });
  await levels.getByRole('radio', { name: 'All' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(levels.getByRole('radio', { name: 'Mentions' })).toBeChecked();
  await expect(levels.getByRole('radio', { name: 'Mentions' })).toBeFocused();
  await page.reload();
  await expect(card.getByRole('radiogroup', { name: 'Bob Loud' }).getByRole('radio', { name: 'Mentions' })).toBeChecked();
  await visit(page, '/chat');
  await expect(page.getByRole('button', { name: 'Notifications: Mentions' })).toHaveCount(0);
  await page.getByTestId('conversation-item').filter({ hasText: 'Bob Loud' }).click();
  await expect(page.getByRole('button', { name: 'Notifications: Mentions' })).toBeVisible();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation in Settings with notifications on, or with a conversation's notifications menu open; screenshots, ${colorScheme}`, async ({
    browser,
    request,
  }) => {
    test.setTimeout(150_000);
    mkdirSync(screenshots, { recursive: true });
    const alice = await person(browser, request, 'Alice Looks', { ...granted, colorScheme });
    const bob = await person(browser, request, 'Bob Looked-At');
    const carol = await registerViaApi(request, uniqueUsername('carol'), 'Carolina Featherstonehaugh-Konstantinopoulou');
    const direct = await openDirect(alice, bob);
    const team = await group(alice, 'Design reviews and other long-running conversations', [bob.id, carol.id]);
    const page = alice.page;
    expect((await page.request.put(`/api/conversations/${team}/notify`, { data: { level: 'none' } })).status()).toBe(200);

    await visit(page, '/settings');
    const card = page.getByRole('region', { name: 'Notifications' });
    // Permission was given: the switch is on, with where push stands.
    await expect(card.getByRole('switch', { name: 'Desktop notifications on this browser' })).toHaveAttribute('aria-checked', 'true');
    await expect(card.getByTestId('push-status')).toContainText(/subscribed to push|could not reach its push service/);
    await card.getByRole('switch', { name: 'Do not disturb' }).click();
    await expect(card.getByTestId('dnd-status')).toContainText('On until');
    expect(await seriousViolations(page), `/settings (${colorScheme})`).toEqual([]);

    for (const [label, viewport] of [
      ['390', { width: 390, height: 844 }],
      ['1440', { width: 1440, height: 900 }],
    ] as const) {
      await page.setViewportSize(viewport);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `settings at ${label} px`).toBeLessThanOrEqual(viewport.width);
      await card.screenshot({ path: path.join(screenshots, `notifications-settings-${colorScheme}-${label}.png`) });

      await visit(page, `/chat/${direct}`);
      await page.getByRole('button', { name: 'Notifications: All' }).click();
      await expect(page.getByRole('menu', { name: 'Notifications' })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `menu at ${label} px`).toBeLessThanOrEqual(viewport.width);
      await page.screenshot({ path: path.join(screenshots, `notifications-menu-${colorScheme}-${label}.png`) });
      if (label === '1440') expect(await seriousViolations(page), `menu (${colorScheme})`).toEqual([]);
      await page.keyboard.press('Escape');
      if (label === '390') {
        // On a phone the list is its own screen: the muted group, dimmed, with its struck bell.
        await visit(page, '/chat');
        await page.screenshot({ path: path.join(screenshots, `notifications-list-${colorScheme}-${label}.png`) });
      }
      await visit(page, '/settings');
    }
  });
}
