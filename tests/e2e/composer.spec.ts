// The composer of rich messages: @mentions and :shortcodes: completed from the keyboard, an emoji
// picker that costs the first page nothing, drafts that follow their writer to another tab, and
// Up arrow to edit the last message. Plus axe with the lists open, and screenshots of them, light
// and dark, phone and desktop.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { messageBodies, openDirect, person, registerViaApi, sendMessage, seriousViolations, type Person, uniqueUsername, visit } from './helpers';

const screenshots = path.join(__dirname, '..', '.results', 'screenshots');

async function group(owner: Person, title: string, memberIds: string[]): Promise<string> {
  const response = await owner.page.request.post('/api/conversations', { data: { type: 'group', title, memberIds } });
  expect(response.status()).toBe(201);
  return (await response.json()).conversation.id;
}

const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message' });

test('a mention picked with the keyboard alone reaches the person it names, highlighted and resolved to them', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Mention');
  const bob = await person(browser, request, 'Bob Mention');
  const carol = await person(browser, request, 'Carol Mention');
  const id = await group(alice, 'Mentions', [bob.id, carol.id]);
  await visit(alice.page, `/chat/${id}`);
  await visit(carol.page, `/chat/${id}`);

  const box = messageBox(alice.page);
  await box.click();
  await box.pressSequentially('Hi @men');
  const list = alice.page.getByRole('listbox', { name: 'People to mention' });
  // Both others by a word of their name, never the writer herself; no @all for "men".
  await expect(list.getByRole('option')).toHaveText([/Bob Mention\s*@bobmention_/, /Carol Mention\s*@carolmention_/]);
  await expect(box).toHaveAttribute('aria-controls', (await list.getAttribute('id'))!);
  await alice.page.keyboard.press('ArrowDown');
  const chosen = list.getByRole('option', { selected: true });
  await expect(chosen).toContainText('Carol Mention');
  await expect(box).toHaveAttribute('aria-activedescendant', (await chosen.getAttribute('id'))!);
  // Enter picks while the list is open: nothing is sent yet.
  await alice.page.keyboard.press('Enter');
  await expect(list).toBeHidden();
  await expect(box).toHaveValue(`Hi @${carol.username} `);
  await expect(messageBodies(alice.page)).toHaveCount(0);
  await box.pressSequentially('see you at 3');
  await alice.page.keyboard.press('Enter');
  await expect(box).toHaveValue('');

  const received = messageBodies(carol.page).filter({ hasText: 'see you at 3' });
  await expect(received.locator(`[data-username="${carol.username}"]`)).toHaveText(`@${carol.username}`);
  const history = await carol.page.request.get(`/api/conversations/${id}/messages`);
  expect(history.status()).toBe(200);
  const [message] = (await history.json()).items;
  expect(message.body).toBe(`Hi @${carol.username} see you at 3`);
  expect(message.mentions).toEqual([carol.id]);

  // Escape closes the list and leaves the text as typed; the next @ opens it again, with @all in a group.
  await box.pressSequentially('@');
  await expect(list.getByRole('option')).toHaveCount(3);
  await expect(list.getByRole('option').last()).toContainText('@all');
  await alice.page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await expect(box).toHaveValue('@');
  // A click picks too.
  await box.pressSequentially(' @bo');
  await list.getByRole('option', { name: /Bob Mention/ }).click();
  await expect(box).toHaveValue(`@ @${bob.username} `);
  await expect(box).toBeFocused();
});

test('a :shortcode is completed from the list or by its closing colon', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Shortcode');
  const bob = await person(browser, request, 'Bob Shortcode');
  const id = await openDirect(alice, bob);
  const box = messageBox(alice.page);
  await box.click();
  await box.pressSequentially('Great :thu');
  const list = alice.page.getByRole('listbox', { name: 'Emoji' });
  await expect(list.getByRole('option', { selected: true })).toContainText(':thumbsup:');
  await alice.page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toContainText(':thumbsdown:');
  await alice.page.keyboard.press('ArrowUp');
  await alice.page.keyboard.press('Tab');
  await expect(box).toHaveValue('Great 👍');
  await box.pressSequentially(' work :tada:');
  await expect(box).toHaveValue('Great 👍 work 🎉');
  // Not in a time of day, nor after one letter.
  await box.pressSequentially(' at 12:30 :x');
  await expect(list).toBeHidden();
  await alice.page.keyboard.press('Enter');
  await visit(bob.page, `/chat/${id}`);
  await expect(messageBodies(bob.page)).toHaveText(['Great 👍 work 🎉 at 12:30 :x']);
});

test('the emoji picker is loaded only when opened, and inserts at the caret by keyboard alone', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Picker');
  const bob = await person(browser, request, 'Bob Picker');
  const id = await openDirect(alice, bob);
  const page = alice.page;
  const scripts: string[] = [];
  const emojiData: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
    if (new URL(r.url()).pathname.startsWith('/emoji/')) emojiData.push(r.url());
  });
  await visit(page, `/chat/${id}`);
  await expect(messageBox(page)).toBeVisible();
  await page.waitForLoadState('networkidle');
  const isPicker = async (url: string) => (await (await page.request.get(url)).text()).includes('frimousse-viewport');
  const firstLoad = [...scripts];
  expect(firstLoad.length).toBeGreaterThan(0);
  for (const url of firstLoad) expect(await isPicker(url), `${url} is part of the first page`).toBe(false);
  expect(emojiData).toEqual([]);

  const box = messageBox(page);
  await box.click();
  await box.pressSequentially('Party time!');
  await page.keyboard.press('ArrowLeft');
  // Shift+Tab from the text box reaches the button; Enter opens the picker on its search field.
  await page.keyboard.press('Shift+Tab');
  const button = page.getByRole('button', { name: 'Insert emoji' });
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  const picker = page.getByRole('dialog', { name: 'Insert emoji' });
  const search = picker.getByRole('searchbox', { name: 'Search emoji' });
  await expect(search).toBeFocused();
  await expect(picker.getByRole('gridcell').first()).toBeVisible();
  await page.keyboard.type('party popper');
  await expect(picker.getByRole('gridcell').first()).toHaveAttribute('aria-label', /^party popper$/i);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(box).toBeFocused();
  await expect(box).toHaveValue('Party time🎉!');
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  const later = scripts.slice(firstLoad.length);
  expect(await Promise.all(later.map(isPicker))).toContain(true);
  expect(emojiData.map((u) => new URL(u).pathname)).toContain('/emoji/en/data.json');

  // Escape closes it and gives the text box its focus back; so does a press outside.
  await button.click();
  await expect(search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(box).toBeFocused();
  await button.click();
  await expect(picker).toBeVisible();
  await page.getByTestId('conversation-name').click();
  await expect(picker).toBeHidden();
  // The button toggles it.
  await button.click();
  await expect(picker).toBeVisible();
  await button.click();
  await expect(picker).toBeHidden();
});

test('a draft typed in one tab appears in another of the same person, and sending clears it there', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Drafts');
  const bob = await person(browser, request, 'Bob Drafts');
  const id = await openDirect(alice, bob);
  const first = alice.page;
  const second = await alice.context.newPage();
  await visit(second, `/chat/${id}`);
  await visit(first, `/chat/${id}`);

  await messageBox(first).click();
  await messageBox(first).pressSequentially('Half a thought');
  await expect(messageBox(second)).toHaveValue('Half a thought', { timeout: 5_000 });
  // It is on the server, too: a fresh load starts from it.
  await visit(second, `/chat/${id}`);
  await expect(messageBox(second)).toHaveValue('Half a thought');

  await messageBox(first).pressSequentially(', finished');
  await expect(messageBox(second)).toHaveValue('Half a thought, finished', { timeout: 5_000 });
  await first.keyboard.press('Enter');
  await expect(messageBodies(second)).toHaveText(['Half a thought, finished']);
  await expect(messageBox(second)).toHaveValue('', { timeout: 5_000 });
  await visit(second, `/chat/${id}`);
  await expect(messageBox(second)).toHaveValue('');
});

test('Up arrow in an empty composer edits your last message, and Escape ends the edit', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice Arrow');
  const bob = await person(browser, request, 'Bob Arrow');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  await sendMessage(bob.page, 'From Bob, not yours to edit');
  const page = alice.page;
  await sendMessage(page, 'The first one');
  await sendMessage(page, 'The second, with a tyop');
  await expect(page.getByTestId('message').and(page.locator('[data-status="sent"]'))).toHaveCount(3);
  await sendMessage(bob.page, 'Bob again, later');
  await expect(messageBodies(page)).toHaveCount(4);

  const box = messageBox(page);
  // Not while there is text: there the arrow moves the caret.
  await box.pressSequentially('x');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByText('Editing message')).toHaveCount(0);
  await box.fill('');

  await page.keyboard.press('ArrowUp');
  await expect(page.getByText('Editing message')).toBeVisible();
  await expect(box).toHaveValue('The second, with a tyop');
  await box.fill('The second, with the typo fixed');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Editing message')).toHaveCount(0);
  await expect(messageBodies(bob.page).filter({ hasText: 'The second, with the typo fixed' })).toBeVisible();
  await expect(box).toHaveValue('');

  await page.keyboard.press('ArrowUp');
  await expect(box).toHaveValue('The second, with the typo fixed');
  await page.keyboard.press('Escape');
  await expect(page.getByText('Editing message')).toHaveCount(0);
  await expect(box).toHaveValue('');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation with the mention list or the emoji picker open, ${colorScheme}`, async ({ browser, request }) => {
    // Three full-page axe runs, one of them over a picker of a few hundred buttons.
    test.setTimeout(150_000);
    const alice = await person(browser, request, 'Alice Axe', { colorScheme });
    const bob = await person(browser, request, 'Bob Axe');
    const carol = await person(browser, request, 'Carol Axe');
    const id = await group(alice, 'Accessible', [bob.id, carol.id]);
    const page = alice.page;
    await visit(page, `/chat/${id}`);
    await messageBox(page).click();
    await messageBox(page).pressSequentially('@');
    await expect(page.getByRole('listbox', { name: 'People to mention' })).toBeVisible();
    await page.keyboard.press('ArrowDown');
    expect(await seriousViolations(page), `mention list (${colorScheme})`).toEqual([]);

    await messageBox(page).pressSequentially('xx :smi');
    await expect(page.getByRole('listbox', { name: 'Emoji' })).toBeVisible();
    expect(await seriousViolations(page), `shortcode list (${colorScheme})`).toEqual([]);

    await page.getByRole('button', { name: 'Insert emoji' }).click();
    const picker = page.getByRole('dialog', { name: 'Insert emoji' });
    await expect(picker.getByRole('gridcell').first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    expect(await seriousViolations(page), `emoji picker (${colorScheme})`).toEqual([]);
  });
}

test('screenshots of the composer with its lists and the picker open, light and dark, phone and desktop', async ({ browser, request }) => {
  test.setTimeout(180_000);
  mkdirSync(screenshots, { recursive: true });
  const alice = await person(browser, request, 'Alice Composer');
  const bob = await person(browser, request, 'Bob Builder');
  const carol = await registerViaApi(request, uniqueUsername('carol'), 'Carolina Featherstonehaugh-Konstantinopoulou');
  const dan = await registerViaApi(request, uniqueUsername('dan'), 'Dan Brown');
  const id = await group(alice, 'Launch plan', [bob.id, carol.id, dan.id]);
  const page = alice.page;
  await visit(page, `/chat/${id}`);
  await sendMessage(page, 'Morning all! The release notes are in the doc.');
  await visit(bob.page, `/chat/${id}`);
  await sendMessage(bob.page, 'Thanks, reading them now');
  await expect(messageBodies(page)).toHaveCount(2);

  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [label, viewport] of [
      ['390', { width: 390, height: 844 }],
      ['1440', { width: 1440, height: 900 }],
    ] as const) {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(viewport);
      const shot = async (name: string) => {
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${label} px`).toBeLessThanOrEqual(viewport.width);
        await page.screenshot({ path: path.join(screenshots, `composer-${name}-${colorScheme}-${label}.png`) });
      };
      await visit(page, `/chat/${id}`);
      const box = messageBox(page);
      await box.click();
      await box.pressSequentially('Can you check this @');
      await expect(page.getByRole('listbox', { name: 'People to mention' }).getByRole('option')).toHaveCount(4);
      await page.keyboard.press('ArrowDown');
      await shot('mentions');

      await box.fill('');
      await box.pressSequentially('Looks good :smi');
      await expect(page.getByRole('listbox', { name: 'Emoji' })).toBeVisible();
      await shot('shortcodes');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Insert emoji' }).click();
      const picker = page.getByRole('dialog', { name: 'Insert emoji' });
      await expect(picker.getByRole('gridcell').first()).toBeVisible();
      await page.keyboard.type('heart');
      await page.keyboard.press('ArrowRight');
      await shot('picker');
      await page.keyboard.press('Escape');
      await box.fill('');
    }
  }
});
