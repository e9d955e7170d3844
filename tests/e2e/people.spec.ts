import { expect, test } from './fixtures';
import { register, registerViaApi, uniqueUsername } from './helpers';

test('find a person by part of their name and open their profile', async ({ page, request }) => {
  const tag = uniqueUsername('q').slice(2);
  const other = await registerViaApi(request, uniqueUsername('grace'), `Grace ${tag} Hopper`);
  await register(page, uniqueUsername(), 'Searcher');

  await page.getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Search people').fill(tag.toUpperCase());
  const results = page.getByRole('list', { name: 'People' });
  await expect(results.getByRole('link')).toHaveCount(1);
  await results.getByRole('link', { name: new RegExp(`Grace ${tag} Hopper`) }).click();

  await expect(page).toHaveURL(new RegExp(`/users/${other.id}$`));
  await expect(page.getByRole('heading', { name: `Grace ${tag} Hopper` })).toBeVisible();
  await expect(page.getByText(`@${other.username}`)).toBeVisible();
  await expect(page.getByText(/Member since/)).toBeVisible();
  await expect(page.getByText('No bio yet.')).toBeVisible();
});

test('says so when nobody matches', async ({ page }) => {
  await register(page, uniqueUsername(), 'Lonely');
  await page.getByRole('link', { name: 'People' }).click();
  await page.getByLabel('Search people').fill('zzzz-nobody-has-this');
  await expect(page.getByText('Nobody matches “zzzz-nobody-has-this”.')).toBeVisible();
});

test('an unknown profile is a not-found page', async ({ page }) => {
  await register(page, uniqueUsername(), 'Curious');
  const response = await page.goto('/users/00000000-0000-4000-8000-000000000000');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});
