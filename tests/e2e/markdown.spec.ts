// Markdown as the other person sees it: strong text, a list, a quote, inline code and a fenced
// block with a line too long for a phone (it scrolls inside the bubble, the page does not) whose
// Copy button copies it; an emoji-only message shown large. Screenshots and axe, light and dark, phone and desktop.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { messageBodies, openDirect, person, sendMessage, seriousViolations, visit } from './helpers';

const screenshots = path.join(__dirname, '..', '.results', 'screenshots');

const code = ['const greeting = ' + JSON.stringify('hello, '.repeat(24).trim()) + ';', 'console.log(greeting);'].join('\n');
const notes = [
  'Release notes, **read them** before _Friday_:',
  '- fixed the `@bob` bug',
  '- search is ~~slow~~ fast now',
  '',
  '> Ship it when the tests pass.',
  '',
  '```ts',
  code,
  '```',
  'Details at https://example.com/notes',
].join('\n');
const emoji = '🎉 👍';

/** Nothing on the page is wider than the screen, and the code block scrolls inside its bubble. */
async function fitsTheScreen(page: Page, width: number) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  const pre = messageBodies(page).filter({ hasText: 'Release notes' }).locator('pre');
  const box = await pre.evaluate((el) => ({ scrolls: el.scrollWidth > el.clientWidth, right: el.getBoundingClientRect().right }));
  expect(box.scrolls, 'the long line scrolls').toBe(true);
  expect(box.right).toBeLessThanOrEqual(width);
}

test('the other person sees Markdown rendered, copies a code block, and an emoji-only message large', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const alice = await person(browser, request, 'Alice Markdown');
  const bob = await person(browser, request, 'Bob Markdown', { permissions: ['clipboard-read', 'clipboard-write'] });
  const direct = await openDirect(alice, bob);
  await sendMessage(alice.page, notes);
  await sendMessage(alice.page, emoji);
  await expect(alice.page.getByTestId('message').and(alice.page.locator('[data-status="sent"]'))).toHaveCount(2);

  const page = bob.page;
  await visit(page, `/chat/${direct}`);
  const message = messageBodies(page).filter({ hasText: 'Release notes' });
  await expect(message.locator('strong')).toHaveText('read them');
  await expect(message.locator('em')).toHaveText('Friday');
  await expect(message.locator('s')).toHaveText('slow');
  await expect(message.locator('li')).toHaveText(['fixed the @bob bug', 'search is slow fast now']);
  await expect(message.locator('blockquote')).toHaveText('Ship it when the tests pass.');
  await expect(message.locator('li code')).toHaveText('@bob');
  await expect(message.locator('[data-username]'), 'no mention inside code').toHaveCount(0);
  await expect(message.locator('pre > code')).toHaveText(code);
  await expect(message.getByRole('link', { name: 'https://example.com/notes' })).toHaveAttribute('rel', 'noopener noreferrer nofollow');

  await message.getByRole('button', { name: 'Copy code' }).click();
  await expect(message.getByRole('button', { name: 'Copied' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await expect(message.getByRole('button', { name: 'Copy code' }), 'back to Copy after a moment').toHaveText('Copy');

  const big = messageBodies(page).filter({ hasText: emoji });
  const sizes = await big.evaluate((el) => [parseFloat(getComputedStyle(el).fontSize), parseFloat(getComputedStyle(el.firstElementChild!).fontSize)]);
  expect(sizes[1] / sizes[0]).toBeCloseTo(2.25, 1);
  await expect(message.locator('[class*="jumbo"]')).toHaveCount(0);

  mkdirSync(screenshots, { recursive: true });
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const [label, viewport] of [
      ['390', { width: 390, height: 844 }],
      ['1440', { width: 1440, height: 900 }],
    ] as const) {
      for (const [who, viewer] of [
        ['theirs', page],
        ['mine', alice.page],
      ] as const) {
        await viewer.emulateMedia({ colorScheme });
        await viewer.setViewportSize(viewport);
        await visit(viewer, `/chat/${direct}`);
        await expect(messageBodies(viewer)).toHaveCount(2);
        await fitsTheScreen(viewer, viewport.width);
        if (label === '390') expect(await seriousViolations(viewer, '[data-testid="message-body"]'), `${who}, ${colorScheme}`).toEqual([]);
        await viewer.screenshot({ path: path.join(screenshots, `markdown-${who}-${colorScheme}-${label}.png`) });
      }
    }
  }
});
