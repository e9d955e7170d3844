// What a person does in the browser, step by step, for the specs to compose.
import { randomBytes } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { watchContract } from './fixtures';
import { expect, type APIRequestContext, type Browser, type BrowserContextOptions, type Locator, type Page } from '@playwright/test';

export function uniqueUsername(prefix = 'e2e'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export const PASSWORD = 'correct horse battery';

export async function register(page: Page, username: string, displayName: string, password = PASSWORD) {
  await page.goto('/register');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Display name').fill(displayName);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByTestId('me-name')).toHaveText(displayName);
}

export async function signIn(page: Page, username: string, password = PASSWORD) {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Registers someone over the API, as another person who already exists. */
export async function registerViaApi(request: APIRequestContext, username: string, displayName: string, password = PASSWORD) {
  const response = await request.post('/api/auth/register', { data: { username, password, displayName } });
  expect(response.status()).toBe(201);
  return (await response.json()).user as { id: string; username: string; displayName: string };
}

/** A person with their own browser context, signed in through the sign-in page. */
export async function person(browser: Browser, request: APIRequestContext, displayName: string, options: BrowserContextOptions = {}) {
  const username = uniqueUsername(displayName.toLowerCase().replace(/\W/g, ''));
  const user = await registerViaApi(request, username, displayName);
  const context = await browser.newContext(options);
  watchContract(context);
  const page = await context.newPage();
  await page.goto('/login');
  await signIn(page, username);
  await expect(page.getByTestId('me-name')).toHaveText(displayName);
  await expect(page.getByTestId('connection')).toHaveCount(0);
  return { ...user, context, page };
}

export type Person = Awaited<ReturnType<typeof person>>;

/** Starts (or opens) a direct conversation from the other person's profile. */
export async function openDirect(from: Person, to: { id: string }) {
  await from.page.goto(`/users/${to.id}`);
  await from.page.getByRole('button', { name: 'Send a message' }).click();
  await expect(from.page).toHaveURL(/\/chat\/[0-9a-f-]{36}$/);
  await expect(from.page.getByTestId('connection')).toHaveCount(0);
  return from.page.url().split('/chat/')[1];
}

export async function sendMessage(page: Page, body: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(body);
  await box.press('Enter');
}

export function messageBodies(page: Page) {
  return page.getByTestId('message-body');
}

/** Opens an app page and waits until its live connection is up (the status banner is gone). */
export async function visit(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByTestId('connection')).toHaveCount(0);
}

/** Opens a message's actions menu and chooses one (Edit message, Delete message, Reply, Copy link…). */
export async function messageAction(row: Locator, action: string) {
  await row.hover();
  await row.getByRole('button', { name: 'Message actions' }).click();
  await row.page().getByRole('menu', { name: 'Message actions' }).getByRole('menuitem', { name: action }).click();
}

/**
 * axe-core's serious and critical findings (WCAG 2.1 A and AA, contrast included), on the whole
 * page or inside `include`, each with the elements it found and why.
 */
export async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (include ? axe.include(include) : axe).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`).join(', ')}`);
}
