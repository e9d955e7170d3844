// axe-core (through @axe-core/playwright, WCAG 2.1 A and AA rules) on every screen a person
// sees, in the light and the dark theme (the app follows prefers-color-scheme): no serious or
// critical violation, contrast included. `/` only redirects, so it has no screen of its own.
import { expect, test } from './fixtures';
import { messageAction, messageBodies, openDirect, person, sendMessage, seriousViolations, visit } from './helpers';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no serious or critical axe violation on the sign-in and register pages, ${colorScheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    for (const path of ['/login', '/register']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await seriousViolations(page), `${path} (${colorScheme})`).toEqual([]);
    }
  });

  test(`no serious or critical axe violation in a conversation with a deleted message, on People and in Settings, ${colorScheme}`, async ({
    browser,
    request,
  }) => {
    const alice = await person(browser, request, 'Alice A11y', { colorScheme });
    const bob = await person(browser, request, 'Bob A11y', { colorScheme });
    const id = await openDirect(alice, bob);
    const page = alice.page;
    await sendMessage(page, 'A message to take back');
    await sendMessage(page, 'One that stays, with a link: https://example.com/');
    await expect(page.getByTestId('message').and(page.locator('[data-status="sent"]'))).toHaveCount(2);
    page.once('dialog', (d) => void d.accept());
    const first = page.getByTestId('message').filter({ hasText: 'A message to take back' });
    await messageAction(first, 'Delete message');
    await expect(messageBodies(page).first()).toHaveText('This message was deleted');
    await visit(bob.page, `/chat/${id}`);
    await sendMessage(bob.page, 'And a reply from Bob');
    await expect(messageBodies(page)).toHaveCount(3);

    await visit(page, `/chat/${id}`);
    await expect(messageBodies(page)).toHaveCount(3);
    expect(await seriousViolations(page), `/chat/${id} (${colorScheme})`).toEqual([]);

    await visit(page, '/people');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('list', { name: 'People' }).getByRole('listitem').first()).toBeVisible();
    expect(await seriousViolations(page), `/people (${colorScheme})`).toEqual([]);

    await visit(page, '/settings');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), `/settings (${colorScheme})`).toEqual([]);
    // The danger zone's confirmation step, with its password field and red button.
    await page.getByRole('button', { name: 'Delete account…' }).click();
    await expect(page.getByRole('button', { name: 'Delete my account' })).toBeVisible();
    expect(await seriousViolations(page), `/settings, deleting (${colorScheme})`).toEqual([]);
  });
}
