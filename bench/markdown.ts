// Markdown rendering of message bodies built to be slow (bench/markdown-bodies.ts), each the
// longest a body may be, through <MessageBody> with react-dom/server: parse and render, per body.
// Baselines in the same run: the same body as plain text, and as MessageBody rendered it before
// Markdown (parseBody's spans). Target: under 50 ms a body, p50 and max. The CPU column is this
// process's own time per render: a wall-clock max on a busy shared machine may be someone else's.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { summarize, table } from './stats';

type Samples = { name: string; chars: number; markdown: { wall: number[]; cpu: number[] }; parseOnly: number[]; plainText: number[]; previous: number[] };

const TARGET_MS = 50;

function renders(rounds: number): Promise<Samples[]> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'markdown-render.ts'), String(rounds)], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`markdown-render exited with ${code}`))));
  });
}

export async function markdownBench(rounds: number) {
  const results = (await renders(rounds)).map((r) => ({
    name: r.name,
    chars: r.chars,
    markdown: summarize(r.markdown.wall),
    markdownCpu: summarize(r.markdown.cpu),
    parseOnly: summarize(r.parseOnly),
    plainText: summarize(r.plainText),
    previous: summarize(r.previous),
  }));
  const worst = Math.max(...results.map((r) => r.markdown.max));
  const worstCpu = Math.max(...results.map((r) => r.markdownCpu.max));
  console.log(
    `\nMarkdown: one body parsed and rendered to markup, ${rounds} rounds each (target: < ${TARGET_MS} ms a body; here the slowest took ${worst.toFixed(2)} ms, ${worstCpu.toFixed(2)} ms of this process's CPU)\n` +
      table(
        results.map((r) => ({
          body: r.name,
          chars: r.chars,
          'markdown p50 ms': r.markdown.p50.toFixed(2),
          'markdown max ms': r.markdown.max.toFixed(2),
          'max CPU ms': r.markdownCpu.max.toFixed(2),
          'of it parsing, p50': r.parseOnly.p50.toFixed(2),
          'plain text p50 ms': r.plainText.p50.toFixed(3),
          'before Markdown p50 ms': r.previous.p50.toFixed(3),
        })),
      ),
  );
  return { targetMs: TARGET_MS, worstMs: worst, worstCpuMs: worstCpu, bodies: results };
}
