// Files end to end through the real server, on whichever storage this project runs against
// (local disk in `integration`, s3rver in `files-s3`): uploads, sniffing, images, limits,
// authorization, serving (Range, ETag, the headers that keep a hostile file harmless),
// attachments on messages, the sweep, and avatars.
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { direct, group } from '../support/chat';
import { eventually, png, upload, uploaded, uploadRaw } from '../support/files';
import { call, newUser, type TestUser } from '../support/http';
import { ack, closeAll, connect, nextEvent, sleep } from '../support/sockets';
import { storedKeys, storageKind } from '../support/storage';

afterAll(closeAll);

const LIMIT = 3 * 1024 * 1024;

async function sendWith(user: TestUser, conversationId: string, attachmentIds: string[], body = '', clientId?: string) {
  return call('POST', `/api/conversations/${conversationId}/messages`, { token: user.token, body: { body, attachmentIds, clientId } });
}

describe(`uploads (${storageKind()} storage)`, () => {
  it('takes a multipart upload, measures the image and makes a WebP thumbnail at most 480 px', async () => {
    const a = await newUser();
    const bytes = await png(1000, 600);
    const attachment = await uploaded(a, bytes, 'photo.png', 'image/png');
    expect(attachment).toEqual({
      id: expect.any(String),
      name: 'photo.png',
      contentType: 'image/png',
      size: bytes.length,
      width: 1000,
      height: 600,
      url: `/api/attachments/${attachment.id}`,
      thumbnailUrl: `/api/attachments/${attachment.id}/thumbnail`,
    });
    const file = await call('GET', attachment.url, { token: a.token });
    expect(file.status).toBe(200);
    expect(file.bytes.equals(bytes)).toBe(true);
    const thumb = await call('GET', attachment.thumbnailUrl, { token: a.token });
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(await sharp(thumb.bytes).metadata()).toMatchObject({ format: 'webp', width: 480, height: 288 });
    expect(await storedKeys()).toEqual(expect.arrayContaining([`files/${attachment.id}`, `thumbs/${attachment.id}.webp`]));
  });

  it('takes the raw body with ?name=, and sniffs the type from the bytes whatever the client says', async () => {
    const a = await newUser();
    const lying = await uploadRaw(a, await png(20, 10), 'not-a-page.html', 'text/html');
    expect(lying.status).toBe(201);
    expect(lying.body.attachment).toMatchObject({ name: 'not-a-page.html', contentType: 'image/png', width: 20, height: 10 });
    const page = await uploadRaw(a, Buffer.from('<!doctype html><script>alert(1)</script>'), 'cat.png', 'image/png');
    expect(page.body.attachment).toMatchObject({ contentType: 'text/plain', width: null, thumbnailUrl: null });
    const served = await call('GET', page.body.attachment.url, { token: a.token });
    expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    const pdf = await uploadRaw(a, Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), 'doc.pdf', 'application/octet-stream');
    expect(pdf.body.attachment.contentType).toBe('application/pdf');
    const binary = await uploadRaw(a, Buffer.from([0, 1, 2, 3, 255, 254, 0, 7]), 'blob', 'image/png');
    expect(binary.body.attachment.contentType).toBe('application/octet-stream');
  });

  it('never serves an SVG or HTML inline, and always with nosniff and a sandbox CSP', async () => {
    const a = await newUser();
    const svg = await uploaded(
      a,
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'),
      'x.svg',
      'image/svg+xml',
    );
    const served = await call('GET', svg.url, { token: a.token });
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
    expect(served.headers.get('cache-control')).toMatch(/^private\b/);
    const image = await uploaded(a, await png(8, 8), 'ok.png');
    const inline = await call('GET', image.url, { token: a.token });
    expect(inline.headers.get('content-disposition')).toBe('inline; filename=ok.png');
    expect(inline.headers.get('content-security-policy')).toMatch(/^sandbox\b/);
  });

  it('sanitises the name: no path, no control or bidi characters, and encodes it per RFC 6266', async () => {
    const a = await newUser();
    const attachment = await uploaded(a, Buffer.from('hello'), '../../etc/pa\u202Essw\u2066d\u200F é.txt');
    expect(attachment.name).toBe('passwd é.txt');
    const raw = await uploadRaw(a, Buffer.from('hi'), 'C:\\temp\\a\u0000b\u0007c\r\n.txt', 'text/plain');
    expect(raw.body.attachment.name).toBe('abc.txt');
    const served = await call('GET', attachment.url, { token: a.token });
    expect(served.headers.get('content-disposition')).toBe(`attachment; filename="passwd ?.txt"; filename*=UTF-8''passwd%20%C3%A9.txt`);
    expect((await uploaded(a, Buffer.from('x'), '...')).name).toBe('file');
  });

  it('refuses a file over the limit with 413 and details.limit, and keeps nothing of it', async () => {
    const a = await newUser();
    const server = await call('GET', '/api/server');
    expect(server.body.limits.uploadBytes).toBe(LIMIT);
    const before = await storedKeys();
    const over = Buffer.alloc(LIMIT + 1, 1);
    const multipart = await upload(a, over, 'big.bin');
    expect(multipart.status).toBe(413);
    expect(multipart.body.error).toMatchObject({ code: 'payload_too_large', details: { limit: LIMIT } });
    const raw = await uploadRaw(a, over, 'big.bin', 'application/octet-stream');
    expect(raw.status).toBe(413);
    expect(raw.body.error.details).toEqual({ limit: LIMIT });
    // Streamed without a length: cut off once it passes the limit.
    let sent = 0;
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > LIMIT) return controller.close();
        sent += 256 * 1024;
        controller.enqueue(new Uint8Array(256 * 1024));
      },
    });
    const streamed = await fetch(`${(await import('../support/http')).baseUrl()}/api/uploads?name=s.bin`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/octet-stream' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error.details).toEqual({ limit: LIMIT });
    await sleep(300);
    expect(await storedKeys()).toEqual(before);
    const exactly = await uploaded(a, Buffer.alloc(LIMIT, 2), 'exact.bin');
    expect(exactly.size).toBe(LIMIT);
  });

  it('refuses a multipart body with two files, or with no part named file, and keeps nothing', async () => {
    const a = await newUser();
    const before = await storedKeys();
    const two = new FormData();
    two.append('file', new Blob(['one']), 'one.txt');
    two.append('file', new Blob(['two']), 'two.txt');
    const refused = await call('POST', '/api/uploads', { token: a.token, rawBody: two });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    const wrong = new FormData();
    wrong.append('document', new Blob(['x']), 'x.txt');
    expect((await call('POST', '/api/uploads', { token: a.token, rawBody: wrong })).status).toBe(400);
    const truncated = await call('POST', '/api/uploads', {
      token: a.token,
      headers: { 'content-type': 'multipart/form-data; boundary=XyZ' },
      rawBody: '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="t.txt"\r\n\r\nhalf a fi',
    });
    expect(truncated.status).toBe(400);
    await sleep(300);
    expect(await storedKeys()).toEqual(before);
  });

  it('stores a corrupt image as a plain file, never a 500', async () => {
    const a = await newUser();
    const header = (await png(50, 50)).subarray(0, 40);
    const corrupt = await uploaded(a, Buffer.concat([header, Buffer.alloc(300, 0x41)]), 'broken.png');
    expect(corrupt).toMatchObject({ contentType: 'image/png', width: null, height: null, thumbnailUrl: null });
    const served = await call('GET', corrupt.url, { token: a.token });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect((await call('GET', `${corrupt.url}/thumbnail`, { token: a.token })).status).toBe(404);
  });

  it('makes thumbnails of JPEG, PNG, WebP, GIF (animated) and AVIF', async () => {
    const a = await newUser();
    const base = () => sharp({ create: { width: 640, height: 960, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 1 } } });
    const frame = (g: number) =>
      sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g, b: 0, alpha: 1 } } })
        .png()
        .toBuffer();
    const animated = await sharp([await frame(50), await frame(150), await frame(250)], { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(3);
    const images: [string, Buffer, number, number][] = [
      ['image/jpeg', await base().jpeg().toBuffer(), 640, 960],
      ['image/png', await base().png().toBuffer(), 640, 960],
      ['image/webp', await base().webp().toBuffer(), 640, 960],
      ['image/avif', await base().avif().toBuffer(), 640, 960],
      ['image/gif', animated, 300, 200],
    ];
    for (const [type, bytes, width, height] of images) {
      const attachment = await uploaded(a, bytes, `image.${type.split('/')[1]}`);
      expect(attachment, type).toMatchObject({ contentType: type, width, height });
      const thumb = await call('GET', attachment.thumbnailUrl, { token: a.token });
      const meta = await sharp(thumb.bytes).metadata();
      expect(meta.format, type).toBe('webp');
      expect(Math.max(meta.width!, meta.height!), type).toBeLessThanOrEqual(480);
    }
  });

  it('strips EXIF (GPS included) from what it serves, and applies the orientation', async () => {
    const a = await newUser();
    const photo = await sharp({ create: { width: 400, height: 200, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: 'RelayTestCamera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
      .toBuffer();
    expect(photo.includes('RelayTestCamera')).toBe(true);
    expect((await sharp(photo).metadata()).exif?.length).toBeGreaterThan(0);
    expect((await sharp(photo).metadata()).orientation).toBe(6);
    const attachment = await uploaded(a, photo, 'camera.jpg');
    // Orientation 6 turns it a quarter: it is displayed 200 wide and 400 high.
    expect(attachment).toMatchObject({ contentType: 'image/jpeg', width: 200, height: 400 });
    const served = await call('GET', attachment.url, { token: a.token });
    expect(served.bytes.includes('RelayTestCamera')).toBe(false);
    const meta = await sharp(served.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 200, height: 400 });
    expect(attachment.size).toBe(served.bytes.length);
  });
});

describe('attachments on messages', () => {
  it('arrive on message:new and in history for every member, in the order attached, and a files-only message is fine', async () => {
    const [a, b, c] = [await newUser(), await newUser(), await newUser()];
    const id = await group(a, [b, c]);
    const [first, second] = [await uploaded(a, await png(30, 20), 'one.png'), await uploaded(a, Buffer.from('notes'), 'notes.txt')];
    const [sb, sc] = await Promise.all([connect({ token: b.token }), connect({ token: c.token })]);
    const sa = await connect({ token: a.token });
    const live = [nextEvent(sb, 'message:new'), nextEvent(sc, 'message:new')];
    const sent = await ack(sa, 'message:send', { conversationId: id, body: '', clientId: randomUUID(), attachmentIds: [second.id, first.id] });
    expect(sent.ok).toBe(true);
    expect(sent.message.body).toBe('');
    expect(sent.message.attachments).toEqual([second, first]);
    for (const event of live) expect(await event).toEqual(sent.message);
    for (const member of [b, c]) {
      const history = await call('GET', `/api/conversations/${id}/messages`, { token: member.token });
      expect(history.body.items.at(-1)).toEqual(sent.message);
      expect((await call('GET', first.url, { token: member.token })).status).toBe(200);
    }
    const list = await call('GET', '/api/conversations', { token: c.token });
    expect(list.body.items.find((x: { id: string }) => x.id === id).lastMessage.attachments).toEqual([second, first]);
  });

  it('refuses what is not the sender’s own unattached upload, and a message with neither body nor files', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const theirs = await uploaded(b, Buffer.from('b’s'), 'b.txt');
    const refused = await sendWith(a, id, [theirs.id], 'look');
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([{ path: 'attachmentIds', message: expect.any(String) }]);
    expect((await sendWith(a, id, [randomUUID()], 'ghost')).status).toBe(400);
    const mine = await uploaded(a, Buffer.from('a’s'), 'a.txt');
    expect((await sendWith(a, id, [mine.id], 'first')).status).toBe(201);
    expect((await sendWith(a, id, [mine.id], 'again')).status).toBe(400);
    expect((await sendWith(a, id, [], '   ')).status).toBe(400);
    expect((await sendWith(a, id, [mine.id, mine.id], 'twice')).status).toBe(400);
    const eleven = Array.from({ length: 11 }, () => randomUUID());
    expect((await sendWith(a, id, eleven, 'many')).status).toBe(400);
    // Nothing of the refused sends was stored: one message.
    const history = await call('GET', `/api/conversations/${id}/messages`, { token: a.token });
    expect(history.body.items.map((m: { body: string }) => m.body)).toEqual(['first']);
  });

  it('does not attach the files twice when a send is retried with the same clientId', async () => {
    const [a, b] = [await newUser(), await newUser()];
    const id = await direct(a, b);
    const file = await uploaded(a, Buffer.from('once'), 'once.txt');
    const clientId = randomUUID();
    const first = await sendWith(a, id, [file.id], 'here', clientId);
    expect(first.status).toBe(201);
    const retry = await sendWith(a, id, [file.id], 'here', clientId);
    expect(retry.status).toBe(200);
    expect(retry.body.message).toEqual(first.body.message);
    const socket = await connect({ token: a.token });
    const again = await ack(socket, 'message:send', { conversationId: id, body: 'here', clientId, attachmentIds: [file.id] });
    expect(again.message).toEqual(first.body.message);
    const history = await call('GET', `/api/conversations/${id}/messages`, { token: b.token });
    expect(history.body.items).toHaveLength(1);
    expect(history.body.items[0].attachments).toEqual([file]);
  });
});

describe('who may read a file', () => {
  it('is its uploader before it is sent, then the members; a stranger, a removed member and everyone after deletion get 404', async () => {
    const [a, b, c, stranger] = [await newUser(), await newUser(), await newUser(), await newUser()];
    const id = await group(a, [b, c]);
    const file = await uploaded(a, await png(40, 40), 'team.png');
    for (const who of [b, stranger]) {
      expect((await call('GET', file.url, { token: who.token })).status).toBe(404);
      expect((await call('GET', file.thumbnailUrl, { token: who.token })).status).toBe(404);
    }
    const sent = await sendWith(a, id, [file.id], 'for the team');
    for (const who of [a, b, c]) expect((await call('GET', file.url, { token: who.token })).status).toBe(200);
    expect((await call('GET', file.url, { token: stranger.token })).status).toBe(404);
    expect((await call('GET', file.url)).status).toBe(401);
    expect((await call('DELETE', `/api/conversations/${id}/members/${c.id}`, { token: a.token })).status).toBe(204);
    expect((await call('GET', file.url, { token: c.token })).status).toBe(404);
    expect((await call('GET', file.thumbnailUrl, { token: c.token })).status).toBe(404);
    expect((await call('DELETE', `/api/messages/${sent.body.message.id}`, { token: a.token })).status).toBe(204);
    for (const who of [a, b]) expect((await call('GET', file.url, { token: who.token })).status).toBe(404);
    const history = await call('GET', `/api/conversations/${id}/messages`, { token: b.token });
    expect(history.body.items.at(-1)).toMatchObject({ body: null, attachments: [] });
    // The sweep removes the deleted message's files from storage.
    await eventually(async () => !(await storedKeys()).some((k) => k.includes(file.id)));
  });

  it('answers Range with 206 and Content-Range, an unsatisfiable one with 416, and If-None-Match with 304', async () => {
    const a = await newUser();
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    const file = await uploaded(a, bytes, 'data.bin');
    const part = await call('GET', file.url, { token: a.token, headers: { range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
    expect(part.bytes.equals(bytes.subarray(10, 20))).toBe(true);
    const tail = await call('GET', file.url, { token: a.token, headers: { range: 'bytes=-5' } });
    expect(tail.bytes.equals(bytes.subarray(995))).toBe(true);
    const open = await call('GET', file.url, { token: a.token, headers: { range: 'bytes=990-' } });
    expect(open.headers.get('content-range')).toBe('bytes 990-999/1000');
    const beyond = await call('GET', file.url, { token: a.token, headers: { range: 'bytes=5000-' } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
    const whole = await call('GET', file.url, { token: a.token });
    const etag = whole.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const cached = await call('GET', file.url, { token: a.token, headers: { 'if-none-match': etag } });
    expect(cached.status).toBe(304);
    expect(cached.bytes.length).toBe(0);
    const stale = await call('GET', file.url, { token: a.token, headers: { range: 'bytes=0-1', 'if-range': '"other"' } });
    expect(stale.status).toBe(200);
  });
});

describe('limits that keep one person from filling the server', () => {
  it('serves an empty file whole whatever Range asks for', async () => {
    const a = await newUser();
    const empty = await uploaded(a, Buffer.alloc(0), 'empty.txt');
    expect(empty.size).toBe(0);
    const reply = await call('GET', empty.url, { token: a.token, headers: { range: 'bytes=-1' } });
    expect(reply.status).toBe(200);
    expect(reply.bytes.length).toBe(0);
  });

  it('refuses more uploads once the files not yet sent fill 20 times the upload limit', async () => {
    const a = await newUser();
    const big = Buffer.alloc(LIMIT, 3);
    for (let i = 0; i < 20; i++) expect((await uploadRaw(a, big, `part-${i}.bin`, 'application/octet-stream')).status).toBe(201);
    const refused = await uploadRaw(a, Buffer.from('one more'), 'more.txt', 'text/plain');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    // Someone else is not affected.
    expect((await uploadRaw(await newUser(), Buffer.from('mine'), 'mine.txt', 'text/plain')).status).toBe(201);
  });
});

describe('avatars', () => {
  it('stores an uploaded image as a 256 px square WebP, tells the people who share a conversation, and removes it', async () => {
    const [a, b] = [await newUser(), await newUser()];
    await direct(a, b);
    const sb = await connect({ token: b.token });
    const told = nextEvent<{ id: string; avatarUrl: string | null }>(sb, 'user:updated', (u) => u.id === a.id);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(await png(900, 300))]), 'me.png');
    const put = await call('PUT', '/api/users/me/avatar', { token: a.token, rawBody: form });
    expect(put.status).toBe(200);
    expect(put.body.user.avatarUrl).toMatch(new RegExp(`^/api/users/${a.id}/avatar\\?v=[a-z0-9]+$`));
    expect((await told).avatarUrl).toBe(put.body.user.avatarUrl);
    const image = await call('GET', put.body.user.avatarUrl, { token: b.token });
    expect(image.status).toBe(200);
    expect(await sharp(image.bytes).metadata()).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect((await call('GET', put.body.user.avatarUrl, { token: b.token, headers: { 'if-none-match': image.headers.get('etag')! } })).status).toBe(304);
    // The current version may be cached; any other URL of it is revalidated.
    expect(image.headers.get('cache-control')).toBe('private, max-age=86400');
    const unversioned = await call('GET', `/api/users/${a.id}/avatar`, { token: b.token });
    expect(unversioned.headers.get('cache-control')).toMatch(/max-age=0/);
    expect((await call('GET', put.body.user.avatarUrl)).status).toBe(401);
    const profile = await call('GET', `/api/users/${a.id}`, { token: b.token });
    expect(profile.body.user.avatarUrl).toBe(put.body.user.avatarUrl);
    // A new one replaces it, and the old object goes.
    const second = await call('PUT', '/api/users/me/avatar', { token: a.token, rawBody: await png(64, 64), headers: { 'content-type': 'image/png' } });
    expect(second.body.user.avatarUrl).not.toBe(put.body.user.avatarUrl);
    expect((await storedKeys()).filter((k) => k.startsWith(`avatars/${a.id}/`))).toHaveLength(1);
    const removed = await call('DELETE', '/api/users/me/avatar', { token: a.token });
    expect(removed.body.user.avatarUrl).toBeNull();
    expect((await storedKeys()).filter((k) => k.startsWith(`avatars/${a.id}/`))).toHaveLength(0);
    expect((await call('GET', `/api/users/${a.id}/avatar`, { token: b.token })).status).toBe(404);
  });

  it('goes from storage with the account', async () => {
    const a = await newUser();
    const put = await call('PUT', '/api/users/me/avatar', { token: a.token, rawBody: await png(40, 40), headers: { 'content-type': 'image/png' } });
    expect(put.status).toBe(200);
    expect((await storedKeys()).filter((k) => k.startsWith(`avatars/${a.id}/`))).toHaveLength(1);
    expect((await call('DELETE', '/api/users/me', { token: a.token, body: { password: a.password } })).status).toBe(204);
    expect((await storedKeys()).filter((k) => k.startsWith(`avatars/${a.id}/`))).toHaveLength(0);
  });

  it('refuses what is not an image, an image over 5 MiB, and a remote avatarUrl', async () => {
    const a = await newUser();
    const text = await call('PUT', '/api/users/me/avatar', { token: a.token, rawBody: 'just text', headers: { 'content-type': 'image/png' } });
    expect(text.status).toBe(400);
    const big = await call('PUT', '/api/users/me/avatar', {
      token: a.token,
      rawBody: Buffer.alloc(5 * 1024 * 1024 + 1),
      headers: { 'content-type': 'image/png' },
    });
    expect(big.status).toBe(413);
    const remote = await call('PATCH', '/api/users/me', { token: a.token, body: { avatarUrl: 'https://tracker.example/pixel.png' } });
    expect(remote.status).toBe(400);
    expect((await call('GET', '/api/users/me', { token: a.token })).body.user.avatarUrl).toBeNull();
  });
});

describe('GET /api/server', () => {
  it('publishes the limits a client checks before it sends, without authentication', async () => {
    const reply = await call('GET', '/api/server');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      name: 'Relay',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      registration: 'open',
      limits: { uploadBytes: LIMIT, avatarBytes: 5 * 1024 * 1024, attachmentsPerMessage: 10, messageLength: 4000, groupMembers: expect.any(Number) },
      push: { vapidPublicKey: expect.stringMatching(/^[A-Za-z0-9_-]{87}$/) },
      // On in the suites' servers that run an SMTP sink, off elsewhere.
      email: expect.any(Boolean),
    });
  });
});
