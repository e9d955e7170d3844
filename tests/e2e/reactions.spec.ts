// Reactions and the message actions menu: two people reacting and taking reactions back, seen
// live on the other side; the tooltip naming who; the 20-emoji limit said next to the chips; the
// whole thing by keyboard alone; axe with the menu open and chips shown; and screenshots of it all.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { messageBodies, openDirect, person, sendMessage, seriousViolations, type Person, visit } from './helpers';

const screenshots = path.join(__dirname, '..', '.results', 'screenshots');

function messageRow(page: Page, text: string): Locator {
  return page.getByTestId('message').filter({ has: page.getByTestId('message-body').filter({ hasText: text }) });
}

function chip(row: Locator, emoji: string): Locator {
  return row.locator(`[data-testid="reaction"][data-emoji="${emoji}"]`);
}

async function openActions(row: Locator) {
  await row.hover();
  await row.getByRole('button', { name: 'Message actions' }).click();
  const menu = row.page().getByRole('menu', { name: 'Message actions' });
  await expect(menu).toBeVisible();
  return menu;
}

test('two people react and take reactions back, and each sees the other’s live', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Reacts');
  const bob = await person(browser, request, 'Bob Reacts');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  await sendMessage(alice.page, 'Lunch at noon?');
  await expect(messageBodies(bob.page)).toHaveText(['Lunch at noon?']);
  const onAlice = messageRow(alice.page, 'Lunch at noon?');
  const onBob = messageRow(bob.page, 'Lunch at noon?');

  // Bob reacts from the menu; Alice sees it arrive, not pressed, since it is not hers.
  await (await openActions(onBob)).getByRole('menuitemcheckbox', { name: 'React with 👍' }).click();
  await expect(chip(onBob, '👍')).toHaveText('👍1');
  await expect(chip(onBob, '👍')).toHaveAttribute('aria-pressed', 'true');
  await expect(chip(onAlice, '👍')).toHaveText('👍1');
  await expect(chip(onAlice, '👍')).toHaveAttribute('aria-pressed', 'false');

  // Alice joins in by pressing the chip.
  await chip(onAlice, '👍').click();
  await expect(chip(onAlice, '👍')).toHaveText('👍2');
  await expect(chip(onAlice, '👍')).toHaveAttribute('aria-pressed', 'true');
  await expect(chip(onBob, '👍')).toHaveText('👍2');

  // The tooltip names who reacted: yourself as "You", the other by their display name.
  await chip(onAlice, '👍').hover();
  await expect(alice.page.getByRole('tooltip')).toHaveText('You and Bob Reacts reacted with 👍');
  await chip(onBob, '👍').hover();
  await expect(bob.page.getByRole('tooltip')).toHaveText('You and Alice Reacts reacted with 👍');

  // The menu shows which quick reactions are yours.
  const menu = await openActions(onBob);
  await expect(menu.getByRole('menuitemcheckbox', { name: 'React with 👍' })).toHaveAttribute('aria-checked', 'true');
  await expect(menu.getByRole('menuitemcheckbox', { name: 'React with 🎉' })).toHaveAttribute('aria-checked', 'false');
  await menu.getByRole('menuitemcheckbox', { name: 'React with 🎉' }).click();
  await expect(chip(onAlice, '🎉')).toHaveText('🎉1');

  // Bob takes his 👍 back with the chip; Alice's stays.
  await chip(onBob, '👍').click();
  await expect(chip(onBob, '👍')).toHaveText('👍1');
  await expect(chip(onBob, '👍')).toHaveAttribute('aria-pressed', 'false');
  await expect(chip(onAlice, '👍')).toHaveText('👍1');
  await expect(chip(onAlice, '👍')).toHaveAttribute('aria-pressed', 'true');

  // Alice takes hers back from the menu: the chip is gone on both sides.
  await (await openActions(onAlice)).getByRole('menuitemcheckbox', { name: 'React with 👍' }).click();
  await expect(chip(onAlice, '👍')).toHaveCount(0);
  await expect(chip(onBob, '👍')).toHaveCount(0);
  await expect(chip(onBob, '🎉')).toHaveText('🎉1');

  // "+" opens the picker; a pick there reacts too.
  await onAlice.getByRole('button', { name: 'Add a reaction' }).click();
  const picker = alice.page.getByRole('dialog', { name: 'Choose a reaction' });
  await picker
    .getByRole('searchbox', { name: 'Search emoji' })
    .or(picker.getByRole('textbox', { name: 'Search emoji' }))
    .fill('fire');
  await picker.getByRole('gridcell', { name: 'Fire', exact: true }).click();
  await expect(picker).toHaveCount(0);
  await expect(chip(onBob, '🔥')).toHaveText('🔥1');
});

test('a message takes 20 different reactions; the 21st is refused and said so beside the chips', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Limit');
  const bob = await person(browser, request, 'Bob Limit');
  const id = await openDirect(alice, bob);
  await sendMessage(alice.page, 'React to this a lot');
  const row = messageRow(alice.page, 'React to this a lot');
  await expect(row).toHaveAttribute('data-status', 'sent');
  const messageId = await row.getAttribute('data-message-id');
  const twenty = [...'🍎🍐🍊🍋🍌🍉🍇🍓🫐🍈🍒🍑🥭🍍🥥🥝🍅🍆🥑🥦'];
  expect(twenty).toHaveLength(20);
  for (const emoji of twenty) {
    const reply = await bob.page.request.put(`/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`);
    expect(reply.status()).toBe(200);
  }
  await expect(row.getByTestId('reaction')).toHaveCount(20);

  await (await openActions(row)).getByRole('menuitemcheckbox', { name: 'React with 👍' }).click();
  await expect(row.getByTestId('message-notice')).toContainText('at most 20 different reactions');
  await expect(row.getByTestId('reaction')).toHaveCount(20);
  // Brief: it goes by itself.
  await expect(row.getByTestId('message-notice')).toHaveCount(0, { timeout: 8_000 });

  // An emoji already there still counts another person in.
  await chip(row, '🍎').click();
  await expect(chip(row, '🍎')).toHaveText('🍎2');
  await visit(bob.page, `/chat/${id}`);
  await expect(chip(messageRow(bob.page, 'React to this a lot'), '🍎')).toHaveText('🍎2');
});

test('by keyboard alone: Tab to a message, move between messages, open its actions and react, and take it back', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Keys');
  const bob = await person(browser, request, 'Bob Keys');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  await sendMessage(bob.page, 'First from Bob');
  await sendMessage(bob.page, 'Second from Bob');
  await expect(bob.page.getByTestId('message').and(bob.page.locator('[data-status="sent"]'))).toHaveCount(2);

  const page = alice.page;
  await visit(page, `/chat/${id}`);
  await expect(messageBodies(page)).toHaveCount(2);
  // From the top of the page, Tab until a message has focus: the timeline's tab stop is its newest message.
  const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  let presses = 0;
  while ((await focusedTestId()) !== 'message') {
    await page.keyboard.press('Tab');
    expect(++presses, 'Tab presses to reach a message').toBeLessThan(40);
  }
  const second = messageRow(page, 'Second from Bob');
  const first = messageRow(page, 'First from Bob');
  await expect(second).toBeFocused();

  // Up moves to the previous message; only the focused one is in the tab order.
  await page.keyboard.press('ArrowUp');
  await expect(first).toBeFocused();
  await expect(first).toHaveAttribute('tabindex', '0');
  await expect(second).toHaveAttribute('tabindex', '-1');

  // Enter opens the menu on its first item; Escape closes it and gives focus back to the message.
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Message actions' });
  await expect(menu.getByRole('menuitemcheckbox', { name: 'React with 👍' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(first).toBeFocused();

  // R (the documented shortcut) opens the reactions; arrows move; Enter reacts.
  await expect(first.getByRole('button', { name: 'Message actions' })).toHaveAttribute('aria-keyshortcuts', 'R');
  await page.keyboard.press('r');
  await expect(menu.getByRole('menuitemcheckbox', { name: 'React with 👍' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(menu.getByRole('menuitemcheckbox', { name: 'React with ❤️' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem').last()).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(chip(first, '❤️')).toHaveAttribute('aria-pressed', 'true');
  await expect(chip(messageRow(bob.page, 'First from Bob'), '❤️')).toHaveText('❤️1');

  // Focus came back to the message; Tab reaches its chip, and Space takes the reaction back.
  await expect(first).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(chip(first, '❤️')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(chip(messageRow(bob.page, 'First from Bob'), '❤️')).toHaveCount(0);
});

test('on a touch screen, a long press on a message opens its actions; a short tap does not', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Touch', { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const bob = await person(browser, request, 'Bob Touch');
  const id = await openDirect(bob, alice);
  await sendMessage(bob.page, 'Press and hold me');
  await visit(alice.page, `/chat/${id}`);
  const row = messageRow(alice.page, 'Press and hold me');
  const body = row.getByTestId('message-body');
  const box = (await body.boundingBox())!;
  const at = { pointerType: 'touch', isPrimary: true, pointerId: 7, clientX: box.x + 10, clientY: box.y + 10 };
  const menu = alice.page.getByRole('menu', { name: 'Message actions' });

  await body.dispatchEvent('pointerdown', at);
  await alice.page.waitForTimeout(150);
  await body.dispatchEvent('pointerup', at);
  await alice.page.waitForTimeout(700);
  await expect(menu).toHaveCount(0);

  await body.dispatchEvent('pointerdown', at);
  await expect(menu).toBeVisible();
  await body.dispatchEvent('pointerup', at);
  await menu.getByRole('menuitemcheckbox', { name: 'React with 😮' }).click();
  await expect(chip(row, '😮')).toHaveAttribute('aria-pressed', 'true');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation with a message's actions open and with reaction chips, ${colorScheme}`, async ({ browser, request }) => {
    // Two people, three reactions and four axe runs: past the default minute when two workers share two cores.
    test.setTimeout(180_000);
    const alice = await person(browser, request, 'Alice Axe', { colorScheme });
    const bob = await person(browser, request, 'Bob Axe', { colorScheme });
    const id = await openDirect(alice, bob);
    await visit(bob.page, `/chat/${id}`);
    await sendMessage(bob.page, 'A message with reactions');
    await sendMessage(alice.page, 'And one of mine');
    const theirs = messageRow(alice.page, 'A message with reactions');
    const mine = messageRow(alice.page, 'And one of mine');
    await (await openActions(theirs)).getByRole('menuitemcheckbox', { name: 'React with 🎉' }).click();
    await (await openActions(mine)).getByRole('menuitemcheckbox', { name: 'React with 👍' }).click();
    await (await openActions(messageRow(bob.page, 'And one of mine'))).getByRole('menuitemcheckbox', { name: 'React with 😂' }).click();
    await expect(mine.getByTestId('reaction')).toHaveCount(2);
    await expect(theirs.getByTestId('reaction')).toHaveCount(1);

    expect(await seriousViolations(alice.page), `chips (${colorScheme})`).toEqual([]);
    await chip(mine, '👍').hover();
    await expect(alice.page.getByRole('tooltip')).toBeVisible();
    expect(await seriousViolations(alice.page), `chip tooltip (${colorScheme})`).toEqual([]);
    await openActions(mine);
    expect(await seriousViolations(alice.page), `actions menu on your message (${colorScheme})`).toEqual([]);
    await alice.page.keyboard.press('Escape');
    await openActions(theirs);
    expect(await seriousViolations(alice.page), `actions menu on theirs (${colorScheme})`).toEqual([]);
  });
}

test('screenshots of rich messages, light and dark, phone and desktop', async ({ browser, request }) => {
  test.setTimeout(240_000);
  mkdirSync(screenshots, { recursive: true });
  const alice = await person(browser, request, 'Alice Shots');
  const bob = await person(browser, request, 'Bob Shots');
  const carol = await person(browser, request, 'Carol Shots');
  const direct = await openDirect(alice, bob);
  const created = await alice.page.request.post('/api/conversations', { data: { type: 'group', title: 'Weekend hike', memberIds: [bob.id, carol.id] } });
  expect(created.status()).toBe(201);
  const groupId: string = (await created.json()).conversation.id;
  const post = async (who: Person, conversationId: string, body: string, replyToId?: string) => {
    const reply = await who.page.request.post(`/api/conversations/${conversationId}/messages`, { data: replyToId ? { body, replyToId } : { body } });
    expect(reply.status()).toBe(201);
    return (await reply.json()).message as { id: string; seq: number };
  };
  const react = async (who: Person, messageId: string, emoji: string) =>
    expect((await who.page.request.put(`/api/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`)).status()).toBe(200);

  const plan = await post(bob, groupId, 'Who is up for a hike on Saturday? Thinking of the ridge trail, leaving at 8.');
  await post(carol, groupId, `@${alice.username} you are coming, right? We need your car 🚗`);
  await post(carol, groupId, 'Count me in! Could we start a bit later though?', plan.id);
  const mine = await post(alice, groupId, 'Sounds great, I will drive. 9 o’clock at the station?');
  await react(alice, plan.id, '👍');
  await react(carol, plan.id, '👍');
  await react(carol, plan.id, '🎉');
  await react(bob, mine.id, '❤️');
  await react(carol, mine.id, '❤️');
  await react(bob, mine.id, '🙌');
  // Elsewhere: an unread mention (with Carol), and a draft (with Bob).
  const withCarol = await openDirect(carol, alice);
  await post(carol, withCarol, `@${alice.username} did you get the tickets?`);
  await post(carol, withCarol, 'No rush.');
  expect(
    (await alice.page.request.put(`/api/conversations/${direct}/draft`, { data: { body: 'Do not forget the snacks for Saturday, and the' } })).status(),
  ).toBe(204);

  const page = alice.page;
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [label, viewport] of [
      ['390', { width: 390, height: 844 }],
      ['1440', { width: 1440, height: 900 }],
    ] as const) {
      await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
      await page.setViewportSize(viewport);
      const shot = async (name: string) => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${label} px`).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: path.join(screenshots, `rich-${name}-${colorScheme}-${label}.png`) });
      };

      await visit(page, '/chat');
      const carolItem = page.getByTestId('conversation-item').filter({ hasText: 'Carol Shots' });
      await expect(carolItem.getByTestId('mention-badge')).toBeVisible();
      await expect(page.getByTestId('draft-preview')).toBeVisible();
      await shot('list');

      await visit(page, `/chat/${groupId}`);
      const planRow = messageRow(page, 'Who is up for a hike');
      await expect(planRow.getByTestId('reaction')).toHaveCount(2);
      await expect(page.locator('[data-mentioned="true"]')).toBeVisible();
      await expect(page.getByTestId('reply-quote')).toBeVisible();
      await page.mouse.move(0, 0);
      await shot('conversation');

      await chip(messageRow(page, 'Sounds great'), '❤️').hover();
      await expect(page.getByRole('tooltip')).toBeVisible();
      await shot('chip-tooltip');

      await openActions(planRow);
      await shot('actions-menu');
      await page.keyboard.press('Escape');

      await (await openActions(messageRow(page, 'Sounds great'))).getByRole('menuitem', { name: 'More reactions…' }).click();
      await expect(page.getByRole('dialog', { name: 'Choose a reaction' }).getByRole('gridcell').first()).toBeVisible();
      await shot('picker');
      await page.keyboard.press('Escape');

      await page.getByTestId('reply-quote').click();
      await expect(planRow).toHaveAttribute('data-highlighted', 'true');
      await shot('jump-highlight');
    }
  }
});
