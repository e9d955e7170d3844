// What a person does in the browser, step by step, for the specs to compose.
import { randomBytes } from 'node:crypto';
import { expect, type APIRequestContext, type Page } from '@playwright/test';

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
