// What people ran into: a deleted message you could not read, a conversation with a deleted
// account that still took messages, a dialog whose Enter closed it, a validation message that
// stayed, clipped names in a group's details, a rate-limit notice that never moved, and presence
// that stayed "Online" long after the other person's network dropped. Plus screenshots of those
// screens, light and dark, phone and desktop.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, WebSocketRoute } from '@playwright/test';
import { expect, test } from './fixtures';
import { messageAction, messageBodies, openDirect, PASSWORD, person, registerViaApi, sendMessage, uniqueUsername, visit, type Person } from './helpers';

const screenshots = path.join(__dirname, '..', '.results', 'screenshots');

/** axe's contrast rules on part of the page (serious and critical only). */
async function contrastProblems(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).withRules(['color-contrast', 'link-in-text-block']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}

/**
 * The contrast of an element's text with the first opaque background behind it, computed in the
 * page (axe leaves text over a transparent bubble "incomplete" rather than failing it).
 */
async function textContrast(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const parse = (colour: string) => {
      ctx.fillStyle = '#000';
      ctx.fillStyle = colour;
      const value = ctx.fillStyle;
      if (value.startsWith('#')) return [1, 3, 5].map((i) => parseInt(value.slice(i, i + 2), 16)).concat(1);
      return value.match(/[\d.]+/g)!.map(Number);
    };
    const luminance = ([r, g, b]: number[]) =>
      [r, g, b]
        .map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4))
        .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
    let back: number[] = [255, 255, 255, 1];
    for (let node: Element | null = el; node; node = node.parentElement) {
      const bg = parse(getComputedStyle(node).backgroundColor);
      if (bg[3] >= 0.99) {
        back = bg;
        break;
      }
    }
    const [a, b] = [luminance(parse(getComputedStyle(el).color)), luminance(back)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}

async function deleteOwnMessage(page: Page, body: string) {
  page.once('dialog', (d) => void d.accept());
  const row = page.getByTestId('message').filter({ hasText: body });
  await messageAction(row, 'Delete message');
}

async function group(owner: Person, title: string, memberIds: string[]): Promise<string> {
  const response = await owner.page.request.post('/api/conversations', { data: { type: 'group', title, memberIds } });
  expect(response.status()).toBe(201);
  return (await response.json()).conversation.id;
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`your own deleted message, the danger button and the register page's link read at AA contrast, ${colorScheme}`, async ({ browser, request }) => {
    const alice = await person(browser, request, 'Alice Contrast', { colorScheme });
    const bob = await person(browser, request, 'Bob Contrast');
    await openDirect(alice, bob);
    const page = alice.page;
    await sendMessage(page, 'Oops, wrong chat');
    await expect(page.getByTestId('message').first()).toHaveAttribute('data-status', 'sent');
    await deleteOwnMessage(page, 'Oops, wrong chat');
    const tombstone = messageBodies(page).first();
    await expect(tombstone).toHaveText('This message was deleted');
    // Not an empty box: the words are there, and readable.
    await expect(tombstone).toBeVisible();
    expect(await textContrast(tombstone)).toBeGreaterThanOrEqual(4.5);
    expect(await contrastProblems(page, '[data-testid="message-body"]')).toEqual([]);

    await visit(page, '/settings');
    await page.getByRole('button', { name: 'Delete account…' }).click();
    await expect(page.getByRole('button', { name: 'Delete my account' })).toBeVisible();
    expect(await contrastProblems(page, 'main')).toEqual([]);

    const anonymous = await browser.newContext({ colorScheme });
    const register = await anonymous.newPage();
    await register.goto('/register');
    await expect(register.getByRole('link', { name: 'Sign in' })).toBeVisible();
    expect(await contrastProblems(register, 'main')).toEqual([]);
    await anonymous.close();
  });
}

test('a direct conversation with a deleted account says so and cannot be replied to; member counts are singular or plural', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Left');
  const bob = await person(browser, request, 'Bob Leaving');
  const carol = await person(browser, request, 'Carol Group');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  await sendMessage(bob.page, 'Goodbye, I am deleting my account');
  await expect(messageBodies(alice.page)).toHaveText(['Goodbye, I am deleting my account']);

  const gone = await bob.page.request.delete('/api/users/me', { data: { password: PASSWORD } });
  expect(gone.status()).toBe(204);

  // Live, and again after a reload.
  for (const reload of [false, true]) {
    if (reload) await visit(alice.page, `/chat/${id}`);
    const page = alice.page;
    await expect(page.getByTestId('conversation-name')).toHaveText('Deleted account');
    await expect(page.getByTestId('conversation-sub')).toHaveText('No longer on Relay');
    await expect(page.getByTestId('read-only')).toHaveText('This account was deleted. You can read the conversation but not reply.');
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Send' })).toHaveCount(0);
    await expect(messageBodies(page)).toHaveText(['Goodbye, I am deleting my account']);
  }
  await expect(alice.page.getByTestId('conversation-item').filter({ hasText: 'Deleted account' })).not.toContainText('members');

  const groupId = await group(alice, 'Two of us', [carol.id]);
  await visit(alice.page, `/chat/${groupId}`);
  const header = alice.page.getByTestId('conversation-sub');
  const row = alice.page.getByTestId('conversation-item').filter({ hasText: 'Two of us' });
  await expect(header).toHaveText('2 members');
  await expect(row).toContainText('2 members');
  await alice.page.getByRole('button', { name: 'Details' }).click();
  const details = alice.page.getByRole('complementary', { name: 'Group details' });
  await expect(details.getByRole('heading', { name: /^2 members$/i })).toBeVisible();
  const left = await carol.page.request.delete(`/api/conversations/${groupId}/members/${carol.id}`);
  expect(left.status()).toBe(204);
  await expect(header).toHaveText('1 member');
  await expect(details.getByRole('heading', { name: /^1 member$/i })).toBeVisible();
  await expect(row).toContainText('1 member');
  await expect(row).not.toContainText('1 members');
  // A group of one can still be written in: only a direct conversation with a deleted account is read-only.
  await expect(alice.page.getByRole('textbox', { name: 'Message' })).toBeVisible();
});

test('the New dialog opens on its search field; arrows move the highlight and Enter picks that person', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Keys');
  const tag = uniqueUsername('keys');
  const first = await registerViaApi(request, `${tag}_a`, 'Keyboard First');
  const second = await registerViaApi(request, `${tag}_b`, 'Keyboard Second');
  const third = await registerViaApi(request, `${tag}_c`, 'Keyboard Third');
  const page = alice.page;
  await visit(page, '/chat');
  await page.getByRole('button', { name: 'New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  const search = dialog.getByLabel('Find people');
  await expect(search).toBeFocused();

  // Typing goes into the search; the first match is highlighted; ↓ ↓ ↑ lands on the second.
  await page.keyboard.type(tag);
  await expect(dialog.getByRole('button', { name: /Keyboard/ })).toHaveCount(3);
  const highlighted = dialog.locator('[data-highlighted="true"]');
  await expect(highlighted).toContainText(first.username);
  await search.press('ArrowDown');
  await search.press('ArrowDown');
  await expect(highlighted).toContainText(third.username);
  await search.press('ArrowUp');
  await expect(highlighted).toContainText(second.username);
  await expect(search).toHaveAttribute('aria-activedescendant', (await highlighted.locator('button, input').getAttribute('id'))!);
  await search.press('Enter');
  await expect(page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('conversation-name')).toHaveText('Keyboard Second');
  await expect(dialog).toBeHidden();

  // In a group, Enter ticks the highlighted person (and again unticks).
  await page.getByRole('button', { name: 'New' }).click();
  await expect(search).toBeFocused();
  await dialog.getByRole('tab', { name: 'Group' }).click();
  await search.focus();
  await search.fill(third.username);
  await expect(highlighted).toContainText(third.username);
  await search.press('Enter');
  await expect(dialog.getByRole('checkbox', { name: third.username })).toBeChecked();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Create group (2)' })).toBeVisible();
});

test("a group's title error clears as soon as the title is valid, in the New dialog and in Details", async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Titles');
  const bob = await person(browser, request, 'Bob Titles');
  const page = alice.page;
  await visit(page, '/chat');
  await page.getByRole('button', { name: 'New' }).click();
  const dialog = page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('tab', { name: 'Group' }).click();
  await dialog.getByRole('button', { name: 'Create group' }).click();
  const titleField = dialog.getByLabel('Group title');
  await expect(titleField).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog.getByText('Enter a title.')).toBeVisible();
  await titleField.pressSequentially('Bo');
  await expect(dialog.getByText('Enter a title.')).toHaveCount(0);
  await expect(titleField).not.toHaveAttribute('aria-invalid', 'true');
  // Emptied again: the error comes back at once, since it was already asked for.
  await titleField.fill('');
  await expect(dialog.getByText('Enter a title.')).toBeVisible();
  await titleField.fill('Book club');
  await expect(dialog.getByText('Enter a title.')).toHaveCount(0);
  await page.keyboard.press('Escape');

  const groupId = await group(alice, 'Book club', [bob.id]);
  await visit(page, `/chat/${groupId}`);
  await page.getByRole('button', { name: 'Details' }).click();
  const details = page.getByRole('complementary', { name: 'Group details' });
  const title = details.getByLabel('Title', { exact: true });
  await title.fill(' ');
  await details.getByRole('button', { name: 'Rename' }).click();
  await expect(details.getByText('Enter a title.')).toBeVisible();
  await title.fill('Book club II');
  await expect(details.getByText('Enter a title.')).toHaveCount(0);
  await details.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByTestId('conversation-name')).toHaveText('Book club II');
});

test('group details: long names are not cut mid-word, Escape closes, and on a phone a backdrop closes it', async ({ browser, request }) => {
  const longName = 'Maximiliana Konstantinopoulou-Vanderbilt Featherstonehaugh';
  const alice = await person(browser, request, 'Alice Details', { viewport: { width: 1440, height: 900 } });
  const tag = uniqueUsername('longhandle');
  const long = await registerViaApi(request, `${tag}_with_a_long_handle`.slice(0, 32), longName);
  const bob = await registerViaApi(request, uniqueUsername('bob'), 'Bob');
  const groupId = await group(alice, 'A group with long names', [long.id, bob.id]);
  const page = alice.page;
  await visit(page, `/chat/${groupId}`);
  await page.getByRole('button', { name: 'Details' }).click();
  const details = page.getByRole('complementary', { name: 'Group details' });
  const row = details.getByRole('listitem').filter({ hasText: long.username });
  await expect(row).toBeVisible();

  // Every name and handle shows whole, or ends in an ellipsis and carries the whole text in its title.
  const clipped = await details
    .getByRole('list', { name: 'Members' })
    .evaluate((list) =>
      [...list.querySelectorAll<HTMLElement>('[data-testid="member-name"], [data-testid="member-handle"]')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 && (getComputedStyle(el).textOverflow !== 'ellipsis' || el.title !== el.textContent))
        .map((el) => el.textContent),
    );
  expect(clipped).toEqual([]);
  await expect(row.getByTestId('member-name')).toHaveAttribute('title', longName);
  await expect(row.getByTestId('member-handle')).toHaveAttribute('title', `@${long.username}`);
  // The text itself is whole for a screen reader.
  await expect(row).toContainText(longName);

  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  await expect(page.getByRole('button', { name: 'Details' })).toBeFocused();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'Details' }).click();
  await expect(details).toBeVisible();
  const backdrop = page.getByTestId('details-backdrop');
  await expect(backdrop).toBeVisible();
  await backdrop.click({ position: { x: 10, y: 400 } });
  await expect(details).toBeHidden();
  await expect(backdrop).toHaveCount(0);
});

/**
 * Routes the page's Socket.IO connection through the test, which answers some sends itself with a
 * refusal (by the body and how often that body was sent) instead of passing them to the server.
 */
async function refuseSends(page: Page, refusal: (body: string, attempt: number) => { code: string; message: string } | null) {
  const attempts = new Map<string, number>();
  await page.routeWebSocket(/\/socket\.io\//, (ws: WebSocketRoute) => {
    const server = ws.connectToServer();
    ws.onMessage((frame) => {
      const send = typeof frame === 'string' ? /^42(\d+)(\["message:send",[\s\S]*)$/.exec(frame) : null;
      if (send) {
        const body = String((JSON.parse(send[2]) as [string, { body: string }])[1].body);
        const attempt = (attempts.get(body) ?? 0) + 1;
        attempts.set(body, attempt);
        const error = refusal(body, attempt);
        if (error) return ws.send(`43${send[1]}${JSON.stringify([{ ok: false, error }])}`);
      }
      server.send(frame);
    });
    server.onMessage((frame) => ws.send(frame));
  });
}

test('a rate-limited send counts down each second and goes by itself; several failed sends offer Retry all', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Limits');
  const bob = await person(browser, request, 'Bob Limits');
  const id = await openDirect(alice, bob);
  const page = alice.page;
  // The first message is refused once, for 3 s; the next two once each, for a minute (to be retried by hand).
  await refuseSends(page, (body, attempt) =>
    attempt > 1 ? null : { code: 'rate_limited', message: `Too many messages. Try again in ${body === 'first, held back' ? 3 : 60} s.` },
  );
  await visit(page, `/chat/${id}`);

  await sendMessage(page, 'first, held back');
  const first = page.getByTestId('message').filter({ hasText: 'first, held back' });
  await expect(first).toHaveAttribute('data-status', 'failed');
  await expect(first).toContainText(/again in 3 s/);
  await expect(first).toContainText(/again in 2 s/);
  await expect(first).toContainText(/again in 1 s/);
  await expect(first).toHaveAttribute('data-status', 'sent', { timeout: 6_000 });
  await expect(first).not.toContainText('Not sent');

  await sendMessage(page, 'second');
  await sendMessage(page, 'third');
  const failed = page.getByTestId('message').and(page.locator('[data-status="failed"]'));
  await expect(failed).toHaveCount(2);
  await expect(failed.first()).toContainText(/again in (59|60) s/);
  await page.getByRole('button', { name: 'Retry all' }).click();
  await expect(page.getByTestId('message').and(page.locator('[data-status="sent"]'))).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Retry all' })).toHaveCount(0);
  await visit(bob.page, `/chat/${id}`);
  await expect(messageBodies(bob.page)).toHaveText(['first, held back', 'second', 'third']);
});

/**
 * The page's Socket.IO connections pass through the test until `drop()`: from then on nothing
 * more passes either way and no close reaches the server, as when a network goes away without a
 * word (Wi-Fi out of range, a laptop lid shut). Reconnects go nowhere until `restore()`.
 */
async function droppableNetwork(page: Page) {
  let dropped = false;
  await page.routeWebSocket(/\/socket\.io\//, (ws: WebSocketRoute) => {
    if (dropped) return; // a reconnect while the network is down: never answered
    const server = ws.connectToServer();
    ws.onMessage((frame) => void (dropped || server.send(frame)));
    server.onMessage((frame) => void (dropped || ws.send(frame)));
    ws.onClose((code, reason) => void (dropped || server.close({ code, reason })));
    server.onClose((code, reason) => void (dropped || ws.close({ code, reason })));
  });
  return {
    drop: () => void (dropped = true),
    restore: () => void (dropped = false),
  };
}

test('presence goes offline within 20 s when the other person loses their network, and at once when they close the tab', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const alice = await person(browser, request, 'Alice Presence');
  const bob = await person(browser, request, 'Bob Presence');
  const id = await openDirect(alice, bob);
  const network = await droppableNetwork(bob.page);
  await visit(bob.page, `/chat/${id}`);
  const status = alice.page.locator('header').filter({ has: alice.page.getByTestId('conversation-name') });
  await expect(status).toContainText('Online');

  const cut = Date.now();
  network.drop();
  await expect(status).not.toContainText('Online', { timeout: 20_000 });
  test.info().annotations.push({ type: 'offline after', description: `${Math.round((Date.now() - cut) / 1000)} s` });

  network.restore();
  await visit(bob.page, `/chat/${id}`);
  await expect(status).toContainText('Online');
  await bob.page.close();
  await expect(status).not.toContainText('Online', { timeout: 5_000 });
});

test('screenshots of the polished screens, light and dark, phone and desktop', async ({ browser, request }) => {
  test.setTimeout(180_000);
  mkdirSync(screenshots, { recursive: true });
  const alice = await person(browser, request, 'Alice Screens');
  const bob = await person(browser, request, 'Bob Screens');
  const gone = await person(browser, request, 'Gone Soon');
  const long = await registerViaApi(request, uniqueUsername('longname'), 'Maximiliana Konstantinopoulou-Vanderbilt Featherstonehaugh');
  const direct = await openDirect(alice, bob);
  await sendMessage(alice.page, 'This one will be deleted');
  await sendMessage(alice.page, 'Hello Bob, see https://example.com/docs');
  await expect(alice.page.getByTestId('message').and(alice.page.locator('[data-status="sent"]'))).toHaveCount(2);
  await deleteOwnMessage(alice.page, 'This one will be deleted');
  // The deleted one, wherever it stands (under CI load the two sends have landed either way round).
  await expect(messageBodies(alice.page).filter({ hasText: 'This message was deleted' })).toHaveCount(1);
  await expect(messageBodies(alice.page).filter({ hasText: 'This one will be deleted' })).toHaveCount(0);
  const left = await openDirect(alice, gone);
  await visit(gone.page, `/chat/${left}`);
  await sendMessage(gone.page, 'Signing off for good.');
  await expect(messageBodies(alice.page)).toHaveText(['Signing off for good.']);
  expect((await gone.page.request.delete('/api/users/me', { data: { password: PASSWORD } })).status()).toBe(204);
  const groupId = await group(alice, 'Design review with a rather long title', [bob.id, long.id]);

  const page = alice.page;
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [label, viewport] of [
      ['390', { width: 390, height: 844 }],
      ['1440', { width: 1440, height: 900 }],
    ] as const) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(viewport);
      const shot = async (name: string) => {
        // Nothing is wider than the screen (a long name once pushed the whole phone layout sideways).
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${label} px`).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: path.join(screenshots, `polish-${name}-${colorScheme}-${label}.png`) });
      };

      await visit(page, `/chat/${direct}`);
      await expect(messageBodies(page)).toHaveCount(2);
      await shot('deleted-message');

      await visit(page, `/chat/${left}`);
      await expect(page.getByTestId('read-only')).toBeVisible();
      await shot('deleted-account');

      await visit(page, `/chat/${groupId}`);
      await page.getByRole('button', { name: 'Details' }).click();
      await expect(page.getByRole('complementary', { name: 'Group details' })).toBeVisible();
      await shot('group-details');
      await page.keyboard.press('Escape');

      await visit(page, '/chat');
      await page.getByRole('button', { name: 'New' }).click();
      await page.getByRole('dialog', { name: 'New conversation' }).getByLabel('Find people').fill('Bob Screens');
      await expect(page.locator('[data-highlighted="true"]')).toBeVisible();
      await shot('new-dialog');
      await page.keyboard.press('Escape');

      await visit(page, '/settings');
      await page.getByRole('button', { name: 'Delete account…' }).click();
      await page.getByRole('button', { name: 'Delete my account' }).scrollIntoViewIfNeeded();
      await shot('settings-danger');

      const anonymous = await browser.newContext({ colorScheme, viewport });
      const register = await anonymous.newPage();
      await register.goto('/register');
      await register.screenshot({ path: path.join(screenshots, `polish-register-${colorScheme}-${label}.png`) });
      await anonymous.close();
    }
  }
});
