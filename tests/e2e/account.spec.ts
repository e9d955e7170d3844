import { expect, test } from './fixtures';
import { PASSWORD, register, signIn, signOut, uniqueUsername } from './helpers';

test('register, sign out, fail with a wrong password, then sign in', async ({ page }) => {
  const username = uniqueUsername();
  await register(page, username, 'Ada Lovelace');
  await expect(page).toHaveURL(/\/chat$/);

  await signOut(page);
  await signIn(page, username, 'definitely wrong');
  await expect(page.getByText('Wrong username or password.')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  await signIn(page, username);
  await expect(page.getByTestId('me-name')).toHaveText('Ada Lovelace');
});

test('shows inline validation from the shared schemas before sending anything', async ({ page }) => {
  await page.goto('/register');
  await page.getByLabel('Username').fill('a b');
  await page.getByLabel('Password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use only letters, digits, “_”, “.” and “-”.')).toBeVisible();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
});

test('tells a newcomer when the username is taken', async ({ page, request }) => {
  const username = uniqueUsername();
  await request.post('/api/auth/register', { data: { username, password: PASSWORD } });
  await page.goto('/register');
  await page.getByLabel('Username').fill(username.toUpperCase());
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('That username is taken.')).toBeVisible();
});

test('a signed-out visitor is sent to sign in and comes back where they were going', async ({ page, request }) => {
  const username = uniqueUsername();
  await request.post('/api/auth/register', { data: { username, password: PASSWORD, displayName: 'Returning Visitor' } });
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fsettings/);
  await signIn(page, username);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  // Signed in, the sign-in page sends you on into the app.
  await page.goto('/login');
  await expect(page).toHaveURL(/\/chat$/);
});
