import { expect, test } from './fixtures';
import { PASSWORD, register, signIn, signOut, uniqueUsername } from './helpers';

test('edit the profile and see it on the profile page', async ({ page }) => {
  await register(page, uniqueUsername(), 'Before Name');
  await page.getByRole('link', { name: 'Settings' }).click();
  const profile = page.getByRole('form', { name: 'Profile' });
  await profile.getByLabel('Display name').fill('After Name');
  await profile.getByLabel('Bio').fill('Writes <b>compilers</b> & tests.');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(profile.getByText('Saved.')).toBeVisible();
  await expect(page.getByTestId('me-name')).toHaveText('After Name');

  await page.getByRole('link', { name: 'Your profile' }).click();
  await expect(page.getByRole('heading', { name: 'After Name' })).toBeVisible();
  // Text stays text: the markup is shown, not interpreted.
  await expect(page.getByText('Writes <b>compilers</b> & tests.')).toBeVisible();
});

test('create a token, use it from a script, revoke it, and see it refused', async ({ page, playwright, baseURL }) => {
  await register(page, uniqueUsername(), 'Token Maker');
  await page.goto('/settings');
  const create = page.getByRole('form', { name: 'Create token' });
  await create.getByLabel('Token name').fill('ci bot');
  // Making a token asks for the password again.
  await create.getByLabel('Your password').fill('not my password');
  await create.getByRole('button', { name: 'Create token' }).click();
  await expect(create.getByText('That is not your password.')).toBeVisible();
  await create.getByLabel('Your password').fill(PASSWORD);
  await create.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token').textContent())!.trim();
  expect(secret).toMatch(/^chp_/);
  await expect(page.getByRole('list', { name: 'Your tokens' }).getByText('ci bot')).toBeVisible();

  const script = await playwright.request.newContext({ baseURL });
  const me = await script.get('/api/users/me', { headers: { Authorization: `Bearer ${secret}` } });
  expect(me.status()).toBe(200);
  expect((await me.json()).user.displayName).toBe('Token Maker');

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Revoke ci bot' }).click();
  await expect(page.getByText('No tokens yet.')).toBeVisible();
  const after = await script.get('/api/users/me', { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  await script.dispose();
});

test('change the password: the form says API tokens go, the old password and the tokens stop working, the new one works', async ({
  page,
  playwright,
  baseURL,
}) => {
  const username = uniqueUsername();
  await register(page, username, 'Password Changer');
  await page.goto('/settings');
  const create = page.getByRole('form', { name: 'Create token' });
  await create.getByLabel('Token name').fill('nightly job');
  await create.getByLabel('Your password').fill(PASSWORD);
  await create.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.getByTestId('new-token').textContent())!.trim();

  const form = page.getByRole('form', { name: 'Change password' });
  // Before anything is confirmed, the form says what a change does to tokens.
  await expect(form.getByText(/revokes all your API tokens/)).toBeVisible();
  await form.getByLabel('Current password').fill('not my password');
  await form.getByLabel('New password').fill('a much better secret');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText('That is not your password.')).toBeVisible();

  await form.getByLabel('Current password').fill(PASSWORD);
  await form.getByLabel('New password').fill('a much better secret');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByText(/Password changed/)).toBeVisible();
  const script = await playwright.request.newContext({ baseURL });
  expect((await script.get('/api/users/me', { headers: { Authorization: `Bearer ${secret}` } })).status()).toBe(401);
  await script.dispose();

  await signOut(page);
  await signIn(page, username, PASSWORD);
  await expect(page.getByText('Wrong username or password.')).toBeVisible();
  await signIn(page, username, 'a much better secret');
  await expect(page.getByTestId('me-name')).toHaveText('Password Changer');
});

test('delete the account behind a password, then fail to sign in', async ({ page }) => {
  const username = uniqueUsername();
  await register(page, username, 'Leaving Soon');
  await page.goto('/settings');
  await page.getByRole('button', { name: 'Delete account…' }).click();
  const form = page.getByRole('form', { name: 'Delete account' });
  await form.getByLabel('Your password').fill('wrong password');
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(form.getByText('That is not your password.')).toBeVisible();

  await form.getByLabel('Your password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, username);
  await expect(page.getByText('Wrong username or password.')).toBeVisible();
});
