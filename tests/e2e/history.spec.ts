import { expect, test } from './fixtures';
import { messageBodies, openDirect, person, visit } from './helpers';

test('scrolling up loads older pages without losing your place; new messages offer a jump to latest', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Hal');
  const bob = await person(browser, request, 'Hugo');
  const id = await openDirect(alice, bob);
  const { token } = await (await request.post('/api/auth/token', { data: { username: alice.username, password: 'correct horse battery' } })).json();
  for (let i = 1; i <= 130; i++) {
    const reply = await request.post(`/api/conversations/${id}/messages`, { data: { body: `m${i}` }, headers: { Authorization: `Bearer ${token}` } });
    expect(reply.status()).toBe(201);
  }

  await visit(bob.page, `/chat/${id}`);
  const log = bob.page.getByRole('log', { name: 'Messages' });
  await expect(messageBodies(bob.page)).toHaveCount(50);
  await expect(messageBodies(bob.page).last()).toHaveText('m130');
  await expect(messageBodies(bob.page).last()).toBeInViewport();

  await log.evaluate((el) => (el.scrollTop = 0));
  await expect(messageBodies(bob.page)).toHaveCount(100);
  // The message that was at the top is still on screen: the older page went in above it.
  await expect(bob.page.getByTestId('message-body').filter({ hasText: /^m81$/ })).toBeInViewport();

  await log.evaluate((el) => (el.scrollTop = 0));
  await expect(messageBodies(bob.page)).toHaveCount(130);
  await log.evaluate((el) => (el.scrollTop = 0));
  await expect(bob.page.getByText('This is the beginning of the conversation.')).toBeVisible();
  await expect(messageBodies(bob.page).first()).toHaveText('m1');

  const reply = await request.post(`/api/conversations/${id}/messages`, { data: { body: 'fresh news' }, headers: { Authorization: `Bearer ${token}` } });
  expect(reply.status()).toBe(201);
  const jump = bob.page.getByRole('button', { name: '↓ 1 new message' });
  await expect(jump).toBeVisible();
  await expect(messageBodies(bob.page).filter({ hasText: 'fresh news' })).not.toBeInViewport();
  await jump.click();
  await expect(messageBodies(bob.page).filter({ hasText: 'fresh news' })).toBeInViewport();
  await expect(jump).toHaveCount(0);
});
