// Email in the browser: adding and confirming an address in Settings, then a forgotten password
// reset from the sign-in page, each step through the link that arrived by email (the suite's SMTP
// server writes every message to E2E_MAIL_DIR). Then the new pages, light and dark, narrow and
// wide: screenshots to look at, and axe with no serious or critical violation.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { mailIn } from '../support/smtp';
import { expect, test } from './fixtures';
import { person, seriousViolations, signIn, visit } from './helpers';

const screenshots = path.join(__dirname, '..', '.results', 'screenshots');

function linkPath(links: string[], pathname: string): string {
  const link = links.find((l) => new URL(l).pathname === pathname);
  expect(link, `a ${pathname} link`).toBeDefined();
  const url = new URL(link!);
  return url.pathname + url.search;
}

test('a forgotten password is reset through the emailed link, after the address was confirmed in Settings', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const ada = await person(browser, request, 'Ada Email');
  const address = `${ada.username}@example.test`;
  const page = ada.page;

  await visit(page, '/settings');
  const card = page.getByRole('region', { name: 'Email' });
  await card.getByRole('textbox', { name: 'Email address' }).fill(address);
  await card.getByRole('button', { name: 'Add address' }).click();
  await expect(card.getByText('Waiting for confirmation')).toBeVisible();
  await expect(card.getByText(address, { exact: true })).toBeVisible();

  const verification = await mailIn(process.env.E2E_MAIL_DIR!, address, /confirm/i);
  await page.goto(linkPath(verification.links, '/verify-email'));
  await page.getByRole('button', { name: 'Confirm email address' }).click();
  await expect(page.getByRole('status')).toHaveText('Your email address is confirmed.');
  await visit(page, '/settings');
  await expect(card.getByText('Verified')).toBeVisible();
  await expect(card.getByRole('switch', { name: /Email me about missed messages/ })).toBeChecked();

  // Signed out, on another device: the sign-in page offers the reset.
  const other = await browser.newContext();
  const lost = await other.newPage();
  await lost.goto('/login');
  await lost.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(lost).toHaveURL(/\/forgot-password$/);
  await lost.getByLabel('Username or email').fill(address);
  await lost.getByRole('button', { name: 'Send reset link' }).click();
  await expect(lost.getByRole('status')).toContainText('Check your inbox');

  const reset = await mailIn(process.env.E2E_MAIL_DIR!, address, /reset/i);
  await lost.goto(linkPath(reset.links, '/reset-password'));
  await lost.getByLabel('New password').fill('a new secret of mine');
  await lost.getByRole('button', { name: 'Set new password' }).click();
  await expect(lost.getByRole('heading', { name: 'Password changed' })).toBeVisible();

  // The first browser was signed out with everything else.
  expect((await page.request.get('/api/users/me')).status()).toBe(401);
  await lost.getByRole('link', { name: 'Sign in' }).click();
  await signIn(lost, ada.username, 'a new secret of mine');
  await expect(lost.getByTestId('me-name')).toHaveText('Ada Email');

  // The link worked once.
  await lost.goto(linkPath(reset.links, '/reset-password'));
  await lost.getByLabel('New password').fill('yet another secret');
  await lost.getByRole('button', { name: 'Set new password' }).click();
  await expect(lost.getByText('not valid any more')).toBeVisible();
  await other.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the email pages and the Settings card, ${colorScheme}: screenshots at 390 and 1440 px, no serious axe violation`, async ({ browser, request }) => {
    test.setTimeout(180_000);
    const grace = await person(browser, request, 'Grace Email', { colorScheme });
    const pending = `${grace.username}@example.test`;
    await grace.page.request.put('/api/users/me/email', { data: { email: pending } });
    const anonymous = await browser.newContext({ colorScheme });
    const page = await anonymous.newPage();
    const pages: [string, string, Page][] = [
      ['login', '/login', page],
      ['forgot-password', '/forgot-password', page],
      ['reset-password', '/reset-password?token=che_example', page],
      ['verify-email', '/verify-email?token=che_example', page],
      ['unsubscribe', '/unsubscribe?token=example', page],
      ['missing-token', '/reset-password', page],
      ['settings-email', '/settings', grace.page],
    ];
    for (const [width, label] of [
      [390, 'narrow'],
      [1440, 'wide'],
    ] as const) {
      for (const [name, url, on] of pages) {
        await on.setViewportSize({ width, height: 900 });
        await on.goto(url);
        await expect(on.getByRole('heading', { level: 1 })).toBeVisible();
        if (name === 'settings-email') {
          const card = on.getByRole('region', { name: 'Email' });
          await card.scrollIntoViewIfNeeded();
          await expect(card.getByText(pending)).toBeVisible();
          await card.screenshot({ path: path.join(screenshots, `email-${name}-${colorScheme}-${label}.png`) });
        } else {
          await on.screenshot({ path: path.join(screenshots, `email-${name}-${colorScheme}-${label}.png`) });
        }
        if (label === 'wide') expect(await seriousViolations(on), `${url} (${colorScheme})`).toEqual([]);
      }
    }
    // After a press: the answers the pages show.
    await page.goto('/verify-email?token=che_example');
    await page.getByRole('button', { name: 'Confirm email address' }).click();
    await expect(page.getByText('not valid any more')).toBeVisible();
    await page.screenshot({ path: path.join(screenshots, `email-verify-refused-${colorScheme}-wide.png`) });
    expect(await seriousViolations(page)).toEqual([]);
    await anonymous.close();
  });
}
