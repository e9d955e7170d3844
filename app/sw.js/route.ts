// GET /sw.js: the service worker, from the plain script beside this file (there is no public/
// directory). Scope / needs Service-Worker-Allowed; no-cache makes the browser check for a new one.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

let script: Promise<string> | null = null;

function workerScript(): Promise<string> {
  script ??= readFile(path.join(process.cwd(), 'app', 'sw.js', 'worker.js'), 'utf8').catch((e: unknown) => {
    script = null;
    throw e;
  });
  return script;
}

export async function GET() {
  return new Response(await workerScript(), {
    headers: {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Service-Worker-Allowed': '/',
    },
  });
}
