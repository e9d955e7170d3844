// Replies and jumping about a long history: a quote of message #5 in a 300-message conversation
// jumps there (history loaded around it), scrolling down loads newer pages, "Jump to latest"
// comes back; a reply to a deleted message says so; a link to a message opens the conversation
// at it; a mention of you is highlighted and counted apart in the list.
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { messageAction, messageBodies, openDirect, PASSWORD, person, sendMessage, visit, type Person } from './helpers';

type Sent = { id: string; seq: number };

/**
 * Once more when the connection was reset: a request that found its kept-alive socket just closed
 * by the server (idle for its 5 s) never reached it. Safe here: every call is idempotent.
 */
async function again<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    if (!/ECONNRESET|socket hang up/.test(String(e))) throw e;
    return call();
  }
}

async function tokenOf(request: APIRequestContext, who: Person): Promise<string> {
  const reply = await again(() => request.post('/api/auth/token', { data: { username: who.username, password: PASSWORD } }));
  expect(reply.status()).toBe(200);
  return (await reply.json()).token;
}

/** Posts as a script would (a bearer token), one after the other so seqs follow the order; a clientId makes a retry harmless. */
function poster(request: APIRequestContext, conversationId: string, token: string) {
  return async (body: string, replyToId?: string): Promise<Sent> => {
    const clientId = randomUUID();
    const reply = await again(() =>
      request.post(`/api/conversations/${conversationId}/messages`, {
        data: replyToId ? { body, clientId, replyToId } : { body, clientId },
        headers: { Authorization: `Bearer ${token}` },
      }),
    );
    expect(reply.status()).toBeLessThan(300);
    return (await reply.json()).message;
  };
}

const row = (page: Page, seq: number) => page.locator(`[data-testid="message"][data-seq="${seq}"]`);

/**
 * Records the seq of every message that gets highlighted, from the next page load on: the flash
 * lasts 1.5 s, which a slow run may spend before an assertion looks.
 */
async function watchHighlights(page: Page) {
  await page.addInitScript(() => {
    const seen: number[] = ((window as unknown as { highlighted: number[] }).highlighted = []);
    new MutationObserver((changes) => {
      for (const c of changes) {
        const el = c.target as HTMLElement;
        if (el.dataset.highlighted === 'true') seen.push(Number(el.dataset.seq));
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-highlighted'] });
  });
}

const highlighted = (page: Page) => page.evaluate(() => (window as unknown as { highlighted: number[] }).highlighted);
const log = (page: Page) => page.getByRole('log', { name: 'Messages' });

test('a reply to #5 of a 300-message history, made in the composer, jumps to its original with history loaded around it; scrolling down loads newer; Jump to latest comes back', async ({
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const alice = await person(browser, request, 'Alice Quotes');
  const bob = await person(browser, request, 'Bob Quotes');
  const id = await openDirect(alice, bob);
  const post = poster(request, id, await tokenOf(request, bob));
  for (let i = 1; i <= 300; i++) await post(`m${i}`);

  // Alice opens #5 by its link and replies to it with the composer's reply bar.
  await visit(alice.page, `/chat/${id}?seq=5`);
  await expect(row(alice.page, 5)).toBeInViewport();
  await messageAction(row(alice.page, 5), 'Reply');
  await expect(alice.page.getByTestId('reply-preview')).toContainText('m5');
  await expect(row(alice.page, 5)).toHaveAttribute('data-replying', 'true');
  await sendMessage(alice.page, 'Replying to the fifth, long ago');
  // Sending goes back to the newest messages, where the reply is.
  await expect(row(alice.page, 301)).toBeInViewport();
  await expect(row(alice.page, 301).getByTestId('reply-quote')).toContainText('Bob Quotes');
  await expect(alice.page.getByTestId('reply-preview')).toHaveCount(0);

  // Bob sees the reply quote his own message, and follows it back.
  const page = bob.page;
  await watchHighlights(page);
  await visit(page, `/chat/${id}`);
  const quote = row(page, 301).getByTestId('reply-quote');
  await expect(quote).toContainText('You');
  await expect(quote).toContainText('m5');
  await expect(row(page, 5)).toHaveCount(0);

  await quote.click();
  await expect(row(page, 5)).toBeInViewport();
  await expect.poll(() => highlighted(page)).toEqual([5]);
  await expect(row(page, 5)).toBeFocused();
  // The history around it, in place of the newest page; the flash goes by itself.
  await expect(row(page, 1)).toHaveCount(1);
  await expect(row(page, 301)).toHaveCount(0);
  await expect(row(page, 5)).not.toHaveAttribute('data-highlighted', 'true');
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();

  // Reading down loads the next pages below, without moving the reader or calling them "new".
  const before = await page.getByTestId('message').count();
  await log(page).evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect.poll(() => page.getByTestId('message').count()).toBeGreaterThan(before);
  await expect(row(page, 60)).toHaveCount(1);
  await expect(page.getByRole('button', { name: /new message/ })).toHaveCount(0);

  await jump.click();
  await expect(row(page, 301)).toBeInViewport();
  await expect(row(page, 5)).toHaveCount(0);
  await expect(jump).toHaveCount(0);

  // A live message from Alice after coming back follows the bottom as usual.
  await sendMessage(alice.page, 'And now something new');
  await expect(messageBodies(page).last()).toHaveText('And now something new');
  await expect(messageBodies(page).last()).toBeInViewport();
});

test('a reply to a deleted message says the original was deleted; the quoted name follows a profile change', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Gone');
  const bob = await person(browser, request, 'Bob Gone');
  const id = await openDirect(alice, bob);
  const post = poster(request, id, await tokenOf(request, bob));
  const kept = await post('This one stays');
  const doomed = await post('This one will be taken back');
  await post('Answering the one that stays', kept.id);
  await post('Answering the one that goes', doomed.id);
  expect((await bob.page.request.delete(`/api/messages/${doomed.id}`)).status()).toBe(204);

  const page = alice.page;
  await watchHighlights(page);
  await visit(page, `/chat/${id}`);
  await expect(row(page, 4).getByTestId('reply-quote')).toHaveText(/Original message deleted/);
  await expect(row(page, 4).getByTestId('reply-quote')).not.toContainText('taken back');
  await expect(row(page, 3).getByTestId('reply-quote')).toContainText('Bob Gone');

  // Bob renames himself: the quote names him as he is now, without a reload.
  expect((await bob.page.request.patch('/api/users/me', { data: { displayName: 'Robert Renamed' } })).status()).toBe(200);
  await expect(row(page, 3).getByTestId('reply-quote')).toContainText('Robert Renamed');

  // Jumping to a message already on screen highlights it in place.
  await row(page, 3).getByTestId('reply-quote').click();
  await expect.poll(() => highlighted(page)).toEqual([1]);
  await expect(row(page, 1)).toBeFocused();

  // Reply marks the message the composer is replying to.
  await messageAction(row(page, 1), 'Reply');
  await expect(row(page, 1)).toHaveAttribute('data-replying', 'true');
});

test('Copy link gives /chat/:id?seq=N, and opening it lands on that message, highlighted, in a long history', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const alice = await person(browser, request, 'Alice Links');
  const bob = await person(browser, request, 'Bob Links');
  const id = await openDirect(alice, bob);
  const post = poster(request, id, await tokenOf(request, bob));
  for (let i = 1; i <= 150; i++) await post(`line ${i}`);

  const page = alice.page;
  await alice.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await visit(page, `/chat/${id}`);
  await expect(messageBodies(page).last()).toHaveText('line 150');
  await messageAction(row(page, 140), 'Copy link');
  await expect(row(page, 140).getByTestId('message-notice')).toHaveText('Link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(`${new URL(page.url()).origin}/chat/${id}?seq=140`);

  // Someone given a link to an older message, far outside the newest page.
  const older = `/chat/${id}?seq=20`;
  await watchHighlights(bob.page);
  await visit(bob.page, older);
  await expect(row(bob.page, 20)).toBeInViewport();
  await expect.poll(() => highlighted(bob.page)).toEqual([20]);
  await expect(row(bob.page, 150)).toHaveCount(0);

  // A link within the same conversation, followed in place.
  await watchHighlights(page);
  await visit(page, link);
  await expect(row(page, 140)).toBeInViewport();
  await expect.poll(() => highlighted(page)).toEqual([140]);
});

test('a message that mentions you is highlighted, and the list counts mentions apart from unread', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Mentioned');
  const bob = await person(browser, request, 'Bob Mentions');
  const id = await openDirect(alice, bob);
  const post = poster(request, id, await tokenOf(request, bob));

  await visit(alice.page, '/chat');
  const item = alice.page.getByTestId('conversation-item').filter({ hasText: 'Bob Mentions' });
  await post('Just a note');
  await post(`@${alice.username} could you look at this?`);
  await expect(item.getByTestId('unread-badge')).toHaveText('2');
  await expect(item.getByTestId('mention-badge')).toHaveText('@1');
  await expect(item.getByTestId('mention-badge')).toHaveAccessibleName('1 mention');

  await item.click();
  const mentioned = alice.page.getByTestId('message').filter({ hasText: 'could you look at this?' });
  await expect(mentioned).toHaveAttribute('data-mentioned', 'true');
  await expect(mentioned).toContainText('Mentions you');
  await expect(alice.page.getByTestId('message').filter({ hasText: 'Just a note' })).not.toHaveAttribute('data-mentioned', 'true');
  // Read: both badges go.
  await expect(item.getByTestId('mention-badge')).toHaveCount(0);
  await expect(item.getByTestId('unread-badge')).toHaveCount(0);

  // Bob's own view of his mention is not highlighted for him.
  await visit(bob.page, `/chat/${id}`);
  await expect(bob.page.getByTestId('message').filter({ hasText: 'could you look at this?' })).not.toHaveAttribute('data-mentioned', 'true');
});

test('the list marks a conversation with a draft, except the one that is open', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Drafts');
  const bob = await person(browser, request, 'Bob Drafts');
  const carol = await person(browser, request, 'Carol Drafts');
  const withBob = await openDirect(alice, bob);
  const withCarol = await openDirect(alice, carol);
  expect((await alice.page.request.put(`/api/conversations/${withBob}/draft`, { data: { body: 'Half a thought about\nthe plan' } })).status()).toBe(204);

  await visit(alice.page, `/chat/${withCarol}`);
  const bobItem = alice.page.getByTestId('conversation-item').filter({ hasText: 'Bob Drafts' });
  await expect(bobItem.getByTestId('draft-preview')).toHaveText('Draft: Half a thought about the plan');
  await bobItem.click();
  await expect(alice.page).toHaveURL(new RegExp(`/chat/${withBob}$`));
  await expect(bobItem.getByTestId('draft-preview')).toHaveCount(0);
});
