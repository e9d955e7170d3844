// Files in a real browser: attached by the button, by a drop and by a paste, uploaded with
// progress, shown inline, in a lightbox and as cards, seen live and downloaded by the other person;
// an avatar uploaded in Settings appears in the other person's list live. Files are made here
// (images with sharp, a WAV by hand, a WebM recorded by the browser itself).
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures';
import { openDirect, person, sendMessage, seriousViolations, type Person, visit } from './helpers';

type FileSpec = { name: string; mimeType: string; buffer: Buffer };

const screenshots = path.join(__dirname, '..', '.results', 'screenshots');

async function png(name: string, width: number, height: number, colour: string, inner = '#ffffff'): Promise<FileSpec> {
  const mark = await sharp({ create: { width: Math.round(width / 3), height: Math.round(height / 3), channels: 3, background: inner } })
    .png()
    .toBuffer();
  const buffer = await sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([{ input: mark, gravity: 'centre' }])
    .png()
    .toBuffer();
  return { name, mimeType: 'image/png', buffer };
}

/** One second of a 440 Hz tone, 8 kHz mono PCM. */
function wav(name: string): FileSpec {
  const rate = 8000;
  const n = rate;
  const b = Buffer.alloc(44 + n * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + n * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(n * 2, 40);
  for (let i = 0; i < n; i++) b.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), 44 + i * 2);
  return { name, mimeType: 'audio/wav', buffer: b };
}

/** A short real WebM, recorded from a canvas by the browser under test. */
async function webm(page: Page, name: string): Promise<FileSpec> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const g = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(15), { mimeType: 'video/webm' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    let frame = 0;
    const paint = () => {
      g.fillStyle = `hsl(${(frame * 15) % 360} 70% 50%)`;
      g.fillRect(0, 0, 320, 180);
      frame++;
    };
    paint();
    const timer = setInterval(paint, 66);
    recorder.start();
    await new Promise((r) => setTimeout(r, 1200));
    const stopped = new Promise((r) => (recorder.onstop = r));
    recorder.stop();
    await stopped;
    clearInterval(timer);
    const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
    let s = '';
    for (const x of bytes) s += String.fromCharCode(x);
    return btoa(s);
  });
  return { name, mimeType: 'video/webm', buffer: Buffer.from(base64, 'base64') };
}

const serialised = (files: FileSpec[]) => files.map((f) => ({ name: f.name, type: f.mimeType, base64: f.buffer.toString('base64') }));

/** Files in a DataTransfer built in the page, as a drag from the desktop would carry them. */
async function dragOver(page: Page, files: FileSpec[]) {
  const zone = page.getByTestId('file-drop');
  const transfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return dt;
  }, serialised(files));
  await zone.dispatchEvent('dragenter', { dataTransfer: transfer });
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  return {
    drop: async () => {
      await zone.dispatchEvent('drop', { dataTransfer: transfer });
      await transfer.dispose();
    },
  };
}

async function paste(page: Page, file: FileSpec) {
  await page.getByRole('textbox', { name: 'Message' }).evaluate(
    (box, f) => {
      const dt = new DataTransfer();
      dt.items.add(new File([Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
      box.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    serialised([file])[0],
  );
}

async function attachByButton(page: Page, files: FileSpec[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Attach files' }).click();
  await (await chooser).setFiles(files);
}

const pendingCard = (page: Page, name: string) => page.getByTestId('pending-files').getByRole('listitem').filter({ hasText: name });

async function allUploaded(page: Page, count: number) {
  await expect(page.getByTestId('pending-files').locator('li[data-status="uploaded"]')).toHaveCount(count);
}

async function imageLoaded(img: Locator) {
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth > 0)).toBe(true);
}

async function uploadLimit(page: Page): Promise<number> {
  const response = await page.request.get('/api/server');
  return (await response.json()).limits.uploadBytes;
}

test('files by button, drop and paste: progress, limits, inline images, a lightbox, and the other person downloads live', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Alice');
  const bob = await person(browser, request, 'Bob');
  const id = await openDirect(alice, bob);
  await visit(bob.page, `/chat/${id}`);
  const page = alice.page;

  const photo = await png('photo.png', 800, 600, '#2563eb');
  const tall = await png('tall.png', 300, 500, '#db2777');
  const pasted = await png('pasted.png', 640, 360, '#059669');
  const notes: FileSpec = { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Meeting notes\n- ship files\n- 🎉\n') };
  const video = await webm(page, 'clip.webm');
  const tone = wav('tone.wav');

  // Over the server's limit: refused before a byte is sent, with the limit in the message.
  const limit = await uploadLimit(page);
  const uploads: string[] = [];
  page.on('request', (r) => void (r.url().includes('/api/uploads') && uploads.push(r.url())));
  await page.getByTestId('file-drop').evaluate((zone, size) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(size)], 'huge.bin', { type: 'application/octet-stream' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, limit + 1);
  await expect(page.getByRole('alert').filter({ hasText: 'huge.bin' })).toContainText(`the ${Math.round(limit / 1024 / 1024)} MB limit for a file`);
  await expect(page.getByTestId('pending-files')).toHaveCount(0);
  expect(uploads).toEqual([]);

  // By the button, with the upload held back a while (the server's answer is only delayed): the
  // card shows a progress bar, and Send waits for it.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/uploads', async (route) => {
    await held;
    await route.continue();
  });
  await attachByButton(page, [photo, notes]);
  const progress = pendingCard(page, 'photo.png').getByRole('progressbar', { name: 'Uploading photo.png' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuenow', /^\d+$/);
  await expect(pendingCard(page, 'photo.png')).toContainText('KB');
  await expect(pendingCard(page, 'photo.png').locator('img')).toHaveAttribute('src', /^blob:/);
  await page.getByRole('textbox', { name: 'Message' }).fill('Here are the files');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  release();
  await allUploaded(page, 2);
  await page.unroute('**/api/uploads');
  await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('pending-files')).toHaveCount(0);

  // By a drop: the drop target shows while dragging; a message of files only.
  const drag = await dragOver(page, [tall, video, tone]);
  await expect(page.getByTestId('drop-target')).toBeVisible();
  await drag.drop();
  await expect(page.getByTestId('drop-target')).toHaveCount(0);
  await allUploaded(page, 3);
  // A removed file leaves the message (its card goes; the rest stay).
  await attachByButton(page, [{ ...notes, name: 'extra.txt' }]);
  await allUploaded(page, 4);
  await page.getByRole('button', { name: 'Remove extra.txt' }).click();
  await allUploaded(page, 3);
  await page.getByRole('textbox', { name: 'Message' }).press('Enter');
  await expect(page.getByTestId('pending-files')).toHaveCount(0);

  // By a paste into the message box.
  await paste(page, pasted);
  await allUploaded(page, 1);
  await sendMessage(page, '');
  await expect(page.getByTestId('pending-files')).toHaveCount(0);

  // The sender sees their own messages with the files; all three are stored.
  await expect(page.locator('[data-testid="message"][data-status="sent"]')).toHaveCount(3);
  await expect(page.getByTestId('attachment-image')).toHaveCount(3);

  // The other person, live: the images (each in a box of its own proportions), the card, the players.
  const bobPage = bob.page;
  await expect(bobPage.getByTestId('attachment-image')).toHaveCount(3);
  await expect(bobPage.getByTestId('message-body')).toHaveText(['Here are the files']);
  const photoThumb = bobPage.getByRole('button', { name: 'Open image photo.png' });
  const box = (await photoThumb.boundingBox())!;
  expect(Math.round(box.width)).toBe(320);
  expect(Math.round(box.height)).toBe(240);
  const tallBox = (await bobPage.getByRole('button', { name: 'Open image tall.png' }).boundingBox())!;
  expect(Math.round(tallBox.width)).toBe(192);
  expect(Math.round(tallBox.height)).toBe(320);
  await imageLoaded(photoThumb.locator('img'));
  await expect(bobPage.getByTestId('attachment-file')).toContainText('notes.txt');
  await expect(bobPage.getByTestId('attachment-video').locator('video')).toHaveAttribute('preload', 'metadata');
  await expect(bobPage.getByTestId('attachment-audio').locator('audio')).toHaveAttribute('controls', '');
  // The list says what a files-only last message carries.
  await expect(bobPage.getByTestId('conversation-item').filter({ hasText: 'Alice' })).toContainText('📎 pasted.png');

  // The download is the very bytes that were sent.
  const [download] = await Promise.all([bobPage.waitForEvent('download'), bobPage.getByRole('link', { name: 'Download notes.txt' }).click()]);
  expect(download.suggestedFilename()).toBe('notes.txt');
  expect(readFileSync((await download.path())!)).toEqual(notes.buffer);

  expect(await seriousViolations(bobPage), 'axe: the conversation with attachments').toEqual([]);

  // The lightbox: opens on the image clicked, arrows step through the conversation's images, Escape closes and focus returns.
  await photoThumb.click();
  const lightbox = bobPage.getByRole('dialog', { name: 'photo.png' });
  await expect(lightbox).toBeVisible();
  await imageLoaded(lightbox.getByRole('img', { name: 'photo.png' }));
  await expect(lightbox.getByRole('link', { name: 'Download photo.png' })).toHaveAttribute('href', /\/api\/attachments\/[^/]+$/);
  await expect(lightbox).toContainText('1 of 3');
  expect(await seriousViolations(bobPage), 'axe: the lightbox').toEqual([]);
  await bobPage.keyboard.press('ArrowRight');
  await expect(bobPage.getByRole('dialog', { name: 'tall.png' })).toBeVisible();
  await bobPage.keyboard.press('ArrowRight');
  await expect(bobPage.getByRole('dialog', { name: 'pasted.png' })).toBeVisible();
  await bobPage.keyboard.press('ArrowLeft');
  await expect(bobPage.getByRole('dialog', { name: 'tall.png' })).toBeVisible();
  // Focus stays in the dialog while it is open.
  for (const key of ['Tab', 'Tab', 'Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await bobPage.keyboard.press(key);
    expect(await bobPage.evaluate(() => Boolean(document.activeElement?.closest('dialog')))).toBe(true);
  }
  await bobPage.keyboard.press('Escape');
  await expect(bobPage.getByRole('dialog')).toHaveCount(0);
  await expect(photoThumb).toBeFocused();
});

test('a failed upload says so and retries; a removed upload in flight is cancelled', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Ana');
  const bob = await person(browser, request, 'Ben');
  await openDirect(alice, bob);
  const page = alice.page;
  const photo = await png('retry.png', 200, 200, '#7c3aed');

  // The first attempt never reaches the server (the network fails it); the second goes through.
  let attempts = 0;
  await page.route('**/api/uploads', async (route) => (attempts++ === 0 ? route.abort('connectionreset') : route.continue()));
  await attachByButton(page, [photo]);
  await expect(pendingCard(page, 'retry.png')).toContainText('Upload failed');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await page.getByRole('button', { name: 'Retry uploading retry.png' }).click();
  await allUploaded(page, 1);
  await page.unroute('**/api/uploads');

  // Removing a file while it uploads aborts the request.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/api/uploads', async (route) => {
    await held;
    await route.continue().catch(() => {});
  });
  const failed = page.waitForEvent('requestfailed', (r) => r.url().includes('/api/uploads'));
  await attachByButton(page, [{ ...photo, name: 'cancel.png' }]);
  await expect(pendingCard(page, 'cancel.png').getByRole('progressbar')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel uploading cancel.png' }).click();
  await failed;
  release();
  await page.unroute('**/api/uploads');
  await allUploaded(page, 1);
  await expect(pendingCard(page, 'cancel.png')).toHaveCount(0);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByTestId('attachment-image')).toHaveCount(1);
});

async function chooseAvatar(page: Page, file: FileSpec) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: /^(Upload|Change) avatar…$/ }).click();
  await (await chooser).setFiles(file);
}

test('an avatar uploaded in Settings shows in the other person’s list live, and can be removed', async ({ browser, request }) => {
  const alice = await person(browser, request, 'Avery');
  const bob = await person(browser, request, 'Blake');
  await openDirect(alice, bob);
  await sendMessage(alice.page, 'hello');
  await visit(bob.page, '/chat');
  const aliceInBobsList = bob.page.getByTestId('conversation-item').filter({ hasText: 'Avery' });
  await expect(aliceInBobsList).toContainText('hello');
  await expect(aliceInBobsList.locator('img')).toHaveCount(0);

  const page = alice.page;
  await visit(page, '/settings');
  const avatarGroup = page.getByRole('group', { name: 'Avatar' });

  // Too big: refused before upload. Not an image: the server's message.
  const puts: string[] = [];
  page.on('request', (r) => void (r.url().includes('/api/users/me/avatar') && r.method() === 'PUT' && puts.push(r.url())));
  await chooseAvatar(page, { name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
  await expect(avatarGroup.getByRole('alert')).toContainText('an avatar can be at most 5 MB');
  expect(puts).toEqual([]);
  await chooseAvatar(page, { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all') });
  await avatarGroup.getByRole('button', { name: 'Save avatar' }).click();
  const refusal = avatarGroup.getByRole('alert');
  await expect(refusal).toBeVisible();
  expect((await refusal.textContent())!.length).toBeGreaterThan(5);
  await avatarGroup.getByRole('button', { name: 'Cancel' }).click();

  // A wide picture: the preview is its centre square.
  await chooseAvatar(page, await png('me.png', 900, 500, '#d97706', '#111827'));
  const preview = avatarGroup.getByRole('img', { name: 'Preview of your new avatar' });
  await expect(preview).toHaveAttribute('src', /^blob:/);
  expect(await preview.evaluate((el) => getComputedStyle(el).objectFit)).toBe('cover');
  const previewBox = (await preview.boundingBox())!;
  expect(previewBox.width).toBe(previewBox.height);
  await avatarGroup.getByRole('button', { name: 'Save avatar' }).click();
  await expect(avatarGroup.getByText('Avatar updated.')).toBeVisible();
  const avatarUrl = new RegExp(`^/api/users/${alice.id}/avatar\\?v=`);
  await expect(page.getByRole('link', { name: 'Your profile' }).locator('img')).toHaveAttribute('src', avatarUrl);

  // Bob, without a reload: the picture is in his list, and loads.
  await expect(aliceInBobsList.locator('img')).toHaveAttribute('src', avatarUrl);
  await imageLoaded(aliceInBobsList.locator('img'));

  await avatarGroup.getByRole('button', { name: 'Remove avatar' }).click();
  await expect(avatarGroup.getByText('Avatar removed.')).toBeVisible();
  await expect(aliceInBobsList.locator('img')).toHaveCount(0);
});

async function asAlice(alice: Person, file: FileSpec): Promise<string> {
  const response = await alice.page.request.post('/api/uploads', { multipart: { file: { name: file.name, mimeType: file.mimeType, buffer: file.buffer } } });
  expect(response.status()).toBe(201);
  return (await response.json()).attachment.id;
}

test('screenshots of the new screens, light and dark, phone and desktop', async ({ browser, request }) => {
  test.setTimeout(180_000);
  mkdirSync(screenshots, { recursive: true });
  const alice = await person(browser, request, 'Alice Files');
  const bob = await person(browser, request, 'Bob Files');
  const id = await openDirect(alice, bob);
  const ids = [
    await asAlice(alice, await png('sunset-over-the-harbour.png', 1200, 800, '#f97316', '#1e3a8a')),
    await asAlice(alice, await png('portrait.png', 400, 600, '#0891b2')),
  ];
  const files = [
    await asAlice(alice, {
      name: 'quarterly-report-final-v3.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    }),
    await asAlice(alice, await webm(alice.page, 'demo.webm')),
    await asAlice(alice, wav('voice-note.wav')),
  ];
  const post = (body: string, attachmentIds: string[]) => alice.page.request.post(`/api/conversations/${id}/messages`, { data: { body, attachmentIds } });
  expect((await post('Photos from Saturday', ids)).status()).toBe(201);
  expect((await post('', files)).status()).toBe(201);
  await visit(bob.page, `/chat/${id}`);
  await expect(bob.page.getByTestId('attachment-image')).toHaveCount(2);

  const page = bob.page;
  const composerFiles = [await png('whiteboard.png', 800, 600, '#16a34a'), { name: 'agenda.md', mimeType: 'text/markdown', buffer: Buffer.from('# Agenda\n') }];
  for (const scheme of ['light', 'dark'] as const) {
    for (const [label, viewport] of [
      ['390', { width: 390, height: 844 }],
      ['1440', { width: 1440, height: 900 }],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize(viewport);
      const shot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}-${scheme}-${label}.png`) });

      await visit(page, `/chat/${id}`);
      await expect(page.getByTestId('attachment-image')).toHaveCount(2);
      for (const img of await page.getByTestId('attachment-image').locator('img').all()) await imageLoaded(img);
      await shot('conversation-files');

      await page.getByRole('button', { name: 'Open image sunset-over-the-harbour.png' }).click();
      await imageLoaded(page.getByRole('dialog').getByRole('img'));
      await shot('lightbox');
      await page.keyboard.press('Escape');

      // The composer with one file ready and one still uploading (its answer held back).
      await attachByButton(page, [composerFiles[0]]);
      await allUploaded(page, 1);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/api/uploads', async (route) => {
        await held;
        await route.continue().catch(() => {});
      });
      await attachByButton(page, [composerFiles[1]]);
      await expect(page.getByRole('progressbar')).toBeVisible();
      await page.getByRole('textbox', { name: 'Message' }).fill('Notes from today');
      await shot('composer-pending');
      release();
      await page.unroute('**/api/uploads');
      for (const name of ['whiteboard.png', 'agenda.md']) await page.getByRole('button', { name: new RegExp(`^(Remove|Cancel uploading) ${name}$`) }).click();

      await visit(page, '/settings');
      await chooseAvatar(page, await png('me.png', 900, 500, '#7c3aed', '#fde047'));
      await expect(page.getByRole('img', { name: 'Preview of your new avatar' })).toBeVisible();
      await shot('settings-avatar');
    }
  }
});
