// Uploads for the integration suites: multipart or raw, and a test image.
import sharp from 'sharp';
import { expect } from 'vitest';
import { call, type TestUser } from './http';
import { sleep } from './sockets';

export function upload(user: TestUser, bytes: Buffer, name = 'file.bin', type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return call('POST', '/api/uploads', { token: user.token, rawBody: form });
}

export function uploadRaw(user: TestUser, bytes: Buffer, name: string, type: string) {
  return call('POST', `/api/uploads?name=${encodeURIComponent(name)}`, { token: user.token, rawBody: bytes, headers: { 'content-type': type } });
}

export async function uploaded(user: TestUser, bytes: Buffer, name?: string, type?: string) {
  const reply = await upload(user, bytes, name, type);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return reply.body.attachment;
}

export const png = (width = 1000, height = 600) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .png()
    .toBuffer();

/** Waits until `check` holds, for at most `ms` (the file sweep runs every second in the test server). */
export async function eventually(check: () => Promise<boolean>, ms = 8_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error('the condition did not hold in time');
}
