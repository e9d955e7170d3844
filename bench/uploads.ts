// Upload throughput and memory, each against a baseline taken in the same run: a 100 MiB file
// through POST /api/uploads against the same bytes written straight to the same disk (local
// storage) and against the S3 server's own PUT through the SDK (S3 storage); the server's RSS
// growth while a 1 GiB file streams through; and what sharp's work costs per image.
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import S3rver from 's3rver';
import sharp from 'sharp';
import { startServer, type RunningServer } from '../tests/support/server';

const MiB = 1024 * 1024;
const block = randomBytes(MiB);

/** `size` bytes, a MiB at a time, produced as fast as they are read. */
const bytes = (size: number) =>
  Readable.from(
    (function* () {
      for (let sent = 0; sent < size; sent += MiB) yield sent + MiB <= size ? block : block.subarray(0, size - sent);
    })(),
    { objectMode: false },
  );

const rssMiB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return (performance.now() - t) / 1000;
}

/** The median of `runs` timings of `run`, as MiB/s. */
async function throughput(size: number, runs: number, run: () => Promise<unknown>): Promise<number> {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) seconds.push(await timed(run));
  seconds.sort((a, b) => a - b);
  return Math.round(size / MiB / seconds[Math.floor(runs / 2)]);
}

/** A raw-body upload over one HTTP request; resolves with the attachment. */
function uploadTo(server: RunningServer, token: string, body: Readable, size: number, name = 'bench.bin'): Promise<{ id: string; size: number }> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/api/uploads?name=${name}`,
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'content-length': size } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          if (res.statusCode !== 201) return reject(new Error(`upload: ${res.statusCode} ${text}`));
          resolve(JSON.parse(text).attachment);
        });
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

async function signedIn(server: RunningServer): Promise<string> {
  const json = { 'content-type': 'application/json' };
  const credentials = JSON.stringify({ username: 'bench_files', password: 'bench password' });
  await fetch(`${server.url}/api/auth/register`, { method: 'POST', headers: json, body: credentials });
  const reply = await fetch(`${server.url}/api/auth/token`, { method: 'POST', headers: json, body: credentials });
  return ((await reply.json()) as { token: string }).token;
}

/** The peak RSS growth of the server while `run` goes on, sampled every 20 ms. */
async function rssGrowth(pid: number, run: () => Promise<unknown>): Promise<{ beforeMiB: number; peakMiB: number; growthMiB: number }> {
  global.gc?.();
  await new Promise((r) => setTimeout(r, 500));
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 20);
  try {
    await run();
  } finally {
    clearInterval(sampler);
  }
  return { beforeMiB: Math.round(before), peakMiB: Math.round(peak), growthMiB: Math.round(peak - before) };
}

async function bareHttpFloor(size: number, runs: number, file: string): Promise<number> {
  const server = createServer((req, res) => {
    void pipeline(req, createWriteStream(file, { highWaterMark: 4 * MiB })).then(() => res.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const send = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-length': size } }, (res) => res.resume().on('end', resolve));
      req.on('error', reject);
      bytes(size).pipe(req);
    });
  try {
    return await throughput(size, runs, send);
  } finally {
    server.close();
    rmSync(file, { force: true });
  }
}

export type UploadBench = Awaited<ReturnType<typeof uploadBench>>;

export async function uploadBench(smoke: boolean) {
  const size = smoke ? 16 * MiB : 100 * MiB;
  const big = smoke ? 64 * MiB : 1024 * MiB;
  const runs = smoke ? 1 : 3;
  const env = { RATE_LIMITS: 'off', LOG_LEVEL: 'warn', MAX_UPLOAD_BYTES: String(2 * 1024 * MiB) };

  // Local disk: the same bytes written by this process to the server's own data directory.
  const local = await startServer('bench-files', env);
  const s3Dir = mkdtempSync(path.join(tmpdir(), 'relay-bench-s3-'));
  const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: 'bench', configs: [] }] });
  let remote: RunningServer | undefined;
  try {
    const token = await signedIn(local);
    const rawFile = path.join(local.dataDir, 'raw-baseline.bin');
    const raw = await throughput(size, runs, () => pipeline(bytes(size), createWriteStream(rawFile)));
    rmSync(rawFile, { force: true });
    // The floor of any upload over HTTP here: a bare Node server piping the request to the same disk.
    const floor = await bareHttpFloor(size, runs, path.join(local.dataDir, 'floor.bin'));
    await uploadTo(local, token, bytes(MiB), MiB); // the route's first request loads it
    const ours = await throughput(size, runs, () => uploadTo(local, token, bytes(size), size));
    const memory = await rssGrowth(local.process.pid!, () => uploadTo(local, token, bytes(big), big));

    // Images: an upload of an image against an upload of as many random bytes; the difference is
    // sniffing, decoding, stripping and the thumbnail.
    const photo = () => sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } });
    const images: [string, Buffer][] = [
      ['JPEG 4000×3000', await photo().jpeg({ quality: 85 }).toBuffer()],
      ['PNG 4000×3000', await photo().png({ compressionLevel: 1 }).toBuffer()],
      ['WebP 4000×3000', await photo().webp({ quality: 80 }).toBuffer()],
      ['AVIF 2000×1500', await photo().resize(2000, 1500).avif({ quality: 50, effort: 0 }).toBuffer()],
      ['GIF 1000×750', await photo().resize(1000, 750).gif().toBuffer()],
    ];
    const thumbnails = [];
    for (const [label, image] of images) {
      const times: number[] = [];
      const plain: number[] = [];
      for (let i = 0; i < (smoke ? 1 : 3); i++) {
        times.push(await timed(() => uploadTo(local, token, Readable.from([image]), image.length, 'image')));
        plain.push(await timed(() => uploadTo(local, token, Readable.from([randomBytes(image.length)]), image.length, 'plain')));
      }
      const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] * 1000;
      thumbnails.push({
        image: label,
        bytes: image.length,
        uploadMs: Math.round(median(times)),
        plainMs: Math.round(median(plain)),
        imageWorkMs: Math.round(median(times) - median(plain)),
      });
    }

    // S3: the SDK's own multipart PUT from here against the same upload through the server.
    const { port } = await s3.run();
    const endpoint = `http://127.0.0.1:${port}`;
    const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
    const client = new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials, requestChecksumCalculation: 'WHEN_REQUIRED' });
    await client.send(new CreateBucketCommand({ Bucket: 'bench' })).catch(() => {});
    remote = await startServer('bench-files-s3', {
      ...env,
      S3_BUCKET: 'bench',
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: credentials.accessKeyId,
      S3_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    });
    const remoteToken = await signedIn(remote);
    const sdk = await throughput(size, runs, () =>
      new Upload({ client, params: { Bucket: 'bench', Key: `baseline-${Math.random()}`, Body: bytes(size) }, partSize: 5 * MiB, queueSize: 2 }).done(),
    );
    await uploadTo(remote, remoteToken, bytes(MiB), MiB);
    const viaServer = await throughput(size, runs, () => uploadTo(remote!, remoteToken, bytes(size), size));
    const s3Memory = await rssGrowth(remote.process.pid!, () => uploadTo(remote!, remoteToken, bytes(Math.min(big, 256 * MiB)), Math.min(big, 256 * MiB)));

    return {
      sizeMiB: size / MiB,
      local: { rawWriteMiBps: raw, bareHttpMiBps: floor, uploadMiBps: ours, ratio: +(ours / raw).toFixed(2), ratioToHttp: +(ours / floor).toFixed(2) },
      s3: { sdkPutMiBps: sdk, uploadMiBps: viaServer, ratio: +(viaServer / sdk).toFixed(2), rss: { ...s3Memory, uploadMiB: Math.min(big, 256 * MiB) / MiB } },
      rss: { ...memory, uploadMiB: big / MiB },
      thumbnails,
    };
  } finally {
    await remote?.stop().catch(() => {});
    await local.stop().catch(() => {});
    await s3.close().catch(() => {});
    rmSync(s3Dir, { recursive: true, force: true });
  }
}
