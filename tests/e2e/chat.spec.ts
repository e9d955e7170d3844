import { expect, test } from './fixtures';
import { messageAction, messageBodies, openDirect, person, sendMessage, visit } from './helpers';

test('a live direct chat, both ways', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice');
  const bob = await person(browser, request, 'Bob');
  await visit(bob.page, '/chat');

  await openDirect(alice, bob);
  await sendMessage(alice.page, 'Hi Bob!');
  await expect(messageBodies(alice.page)).toHaveText(['Hi Bob!']);
  await expect(alice.page.getByTestId('receipt')).toHaveText('Sent');

  const item = bob.page.getByTestId('conversation-item').filter({ hasText: 'Alice' });
  await expect(item).toContainText('Hi Bob!');
  await item.click();
  await expect(messageBodies(bob.page)).toHaveText(['Hi Bob!']);
  // Alice's message shows as seen once Bob has it open.
  await expect(alice.page.getByTestId('receipt')).toHaveText('Seen');
  await sendMessage(bob.page, 'Hello Alice, line one\nand line two');
  await expect(messageBodies(alice.page)).toHaveText(['Hi Bob!', 'Hello Alice, line one\nand line two']);
});

test('a three-person group made from the New dialog', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Ann');
  const bob = await person(browser, request, 'Ben');
  const carol = await person(browser, request, 'Cat');
  await visit(bob.page, '/chat');
  await visit(carol.page, '/chat');

  await visit(alice.page, '/chat');
  await alice.page.getByRole('button', { name: 'New' }).click();
  const dialog = alice.page.getByRole('dialog', { name: 'New conversation' });
  await dialog.getByRole('tab', { name: 'Group' }).click();
  await dialog.getByLabel('Group title').fill('Weekend plans');
  for (const other of [bob, carol]) {
    await dialog.getByLabel('Find people').fill(other.username);
    await dialog.getByRole('checkbox', { name: other.username }).check();
  }
  await dialog.getByRole('button', { name: 'Create group (3)' }).click();
  await expect(alice.page.getByTestId('conversation-name')).toHaveText('Weekend plans');

  for (const other of [bob, carol]) {
    await other.page.getByTestId('conversation-item').filter({ hasText: 'Weekend plans' }).click();
    await expect(other.page.getByTestId('conversation-name')).toHaveText('Weekend plans');
  }
  await sendMessage(carol.page, 'Picnic on Saturday?');
  for (const p of [alice, bob, carol]) await expect(messageBodies(p.page)).toHaveText(['Picnic on Saturday?']);
  await expect(carol.page.getByTestId('receipt')).toHaveText('Seen by 2');

  await alice.page.getByRole('button', { name: 'Details' }).click();
  const details = alice.page.getByRole('complementary', { name: 'Group details' });
  await expect(details.getByRole('list', { name: 'Members' }).getByRole('listitem')).toHaveCount(3);
  await expect(details.getByText('Owner')).toBeVisible();
});

test('the same person in two tabs sees their own message in both, once', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Amy');
  const bob = await person(browser, request, 'Bill');
  const id = await openDirect(alice, bob);
  const secondTab = await alice.context.newPage();
  await visit(secondTab, `/chat/${id}`);
  await expect(secondTab.getByText('No messages yet. Say hello!')).toBeVisible();

  await sendMessage(alice.page, 'from tab one');
  await expect(messageBodies(secondTab)).toHaveText(['from tab one']);
  await expect(messageBodies(alice.page)).toHaveText(['from tab one']);
});

test('edits and deletes are seen live by the other person', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Ava');
  const bob = await person(browser, request, 'Bo');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  await sendMessage(alice.page, 'teh typo');
  await expect(messageBodies(bob.page)).toHaveText(['teh typo']);

  const mine = alice.page.getByTestId('message').filter({ hasText: 'teh typo' });
  await messageAction(mine, 'Edit message');
  const box = alice.page.getByRole('textbox', { name: 'Message' });
  await expect(box).toHaveValue('teh typo');
  await box.fill('the typo, fixed');
  await box.press('Enter');
  await expect(messageBodies(bob.page)).toHaveText(['the typo, fixed']);
  await expect(bob.page.getByTestId('message').getByText('edited')).toBeVisible();

  alice.page.once('dialog', (d) => void d.accept());
  const edited = alice.page.getByTestId('message').filter({ hasText: 'the typo, fixed' });
  await messageAction(edited, 'Delete message');
  await expect(messageBodies(bob.page)).toHaveText(['This message was deleted']);
  await expect(messageBodies(alice.page)).toHaveText(['This message was deleted']);
});

test('the unread badge rises with new messages and clears when read', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Abe');
  const bob = await person(browser, request, 'Bea');
  await openDirect(alice, bob);
  await visit(bob.page, '/chat');
  for (const body of ['one', 'two', 'three']) await sendMessage(alice.page, body);

  const item = bob.page.getByTestId('conversation-item').filter({ hasText: 'Abe' });
  await expect(item.getByTestId('unread-badge')).toHaveText('3');
  await expect(bob.page).toHaveTitle(/^\(3\) /);
  await item.click();
  await expect(messageBodies(bob.page)).toHaveText(['one', 'two', 'three']);
  await expect(item.getByTestId('unread-badge')).toHaveCount(0);
  await expect(bob.page).not.toHaveTitle(/^\(\d+\) /);
});

test('the typing indicator appears while someone types and goes when they clear what they typed', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Ari');
  const bob = await person(browser, request, 'Bud');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  const box = alice.page.getByRole('textbox', { name: 'Message' });
  await box.pressSequentially('Hello the');
  await expect(bob.page.getByTestId('typing')).toHaveText('Ari is typing…');
  await box.fill('');
  await expect(bob.page.getByTestId('typing')).toHaveText('');
});

test('offline, then back: every missed message appears once, in order, without a reload', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Al');
  const bob = await person(browser, request, 'Bee');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  await sendMessage(alice.page, 'before');
  await expect(messageBodies(bob.page)).toHaveText(['before']);

  await bob.context.setOffline(true);
  await expect(bob.page.getByTestId('connection')).toContainText('Offline');
  for (const body of ['missed 1', 'missed 2', 'missed 3']) await sendMessage(alice.page, body);
  await expect(messageBodies(alice.page)).toHaveText(['before', 'missed 1', 'missed 2', 'missed 3']);

  await bob.context.setOffline(false);
  await expect(bob.page.getByTestId('connection')).toHaveCount(0);
  await expect(messageBodies(bob.page)).toHaveText(['before', 'missed 1', 'missed 2', 'missed 3']);
  const seqs = await bob.page.getByTestId('message').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-seq'))));
  expect(seqs).toEqual([1, 2, 3, 4]);
});

test('a message sent while offline shows as not sent, and Retry delivers it exactly once', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Ali');
  const bob = await person(browser, request, 'Bel');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);

  await alice.context.setOffline(true);
  await sendMessage(alice.page, 'are you there?');
  const pending = alice.page.getByTestId('message').filter({ hasText: 'are you there?' });
  await expect(pending).toHaveAttribute('data-status', 'sending');
  await expect(pending.getByText('Not sent')).toBeVisible({ timeout: 20_000 });

  await alice.context.setOffline(false);
  await expect(alice.page.getByTestId('connection')).toHaveCount(0);
  await pending.getByRole('button', { name: 'Retry' }).click();
  await expect(alice.page.getByTestId('message').filter({ hasText: 'are you there?' })).toHaveAttribute('data-status', 'sent');
  await expect(messageBodies(bob.page)).toHaveText(['are you there?']);
  // Stored once, whatever the page shows: the server's history has exactly that one message.
  const history = await alice.page.evaluate(async (url) => (await fetch(url)).json(), `/api/conversations/${id}/messages`);
  expect(history.items.map((m: { body: string }) => m.body)).toEqual(['are you there?']);
});
