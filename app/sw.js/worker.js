// Relay's service worker, served at /sw.js with scope /. It shows Web Push messages as
// notifications, closes them once their conversation was read elsewhere, and opens Relay at the
// conversation when one is clicked. It caches nothing: Relay needs its server to be of use.

const ICON = '/icons/icon-192.png';
const BADGE = '/icons/badge-72.png';

self.addEventListener('install', () => {
  // A new version replaces the old at once: it holds no state a page could depend on.
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  // Open pages become controlled, so a click can navigate them.
  event.waitUntil(self.clients.claim());
});

/** The push payload as JSON, or null when it is not one of ours. */
function readPayload(event) {
  try {
    return event.data ? event.data.json() : null;
  } catch {
    return null;
  }
}

async function closeTagged(tag) {
  const shown = await self.registration.getNotifications({ tag });
  for (const notification of shown) notification.close();
}

function showPayload(payload) {
  if (payload.type === 'test') {
    return self.registration.showNotification(payload.title || 'Relay', {
      body: payload.body || '',
      icon: ICON,
      badge: BADGE,
      tag: 'relay-test',
      data: { url: payload.url || '/settings' },
    });
  }
  const count = Number(payload.count) || 1;
  return self.registration.showNotification(payload.title || 'Relay', {
    body: count > 1 ? `${count} new messages` : payload.body || '',
    icon: payload.icon || ICON,
    badge: BADGE,
    tag: payload.conversationId,
    // A later message in the same conversation replaces the notification; it should still be heard.
    renotify: true,
    data: { url: payload.url || `/chat/${payload.conversationId}` },
  });
}

self.addEventListener('push', (event) => {
  const payload = readPayload(event);
  if (!payload) return;
  if (payload.type === 'read' && payload.conversationId) event.waitUntil(closeTagged(payload.conversationId));
  else if (payload.type === 'message' && payload.conversationId) event.waitUntil(showPayload(payload));
  else if (payload.type === 'test') event.waitUntil(showPayload(payload));
});

/** Only paths of this origin are opened: a payload cannot send the reader elsewhere. */
function sameOriginPath(url) {
  const target = new URL(url || '/chat', self.location.origin);
  return target.origin === self.location.origin ? target.pathname + target.search + target.hash : '/chat';
}

/** Focus is allowed only while a click is being handled; a tab that cannot take it is still the one to use. */
function focus(client) {
  return client.focus().catch(() => client);
}

/**
 * Brings Relay forward at `url`: an open tab already there is focused, another open tab is
 * focused and navigated, and without one a new window opens. The notificationclick handler calls it.
 */
async function openRelay(url) {
  const path = sameOriginPath(url);
  const open = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = open.find((client) => new URL(client.url).pathname === path);
  if (same) return focus(same);
  for (const client of open) {
    // Focus first, while the click still allows it; navigate() works on tabs this worker controls.
    const navigated = await (await focus(client)).navigate(path).catch(() => null);
    if (navigated) return navigated;
  }
  return self.clients.openWindow(path);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openRelay(event.notification.data && event.notification.data.url));
});
