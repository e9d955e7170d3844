// The markdown part's child process (see markdown.ts): React in production mode, as people run it,
// with CSS modules stubbed (only the bundler reads them). Prints one JSON line of samples.
import Module from 'node:module';
import { createElement } from 'react';
import { pathologicalBodies } from './markdown-bodies';

const rounds = Number(process.argv[2] ?? 20);
(Module as unknown as { _extensions: Record<string, (m: { exports: unknown }) => void> })._extensions['.scss'] = (m) => {
  m.exports = new Proxy({}, { get: (_, name) => (name === '__esModule' ? undefined : String(name)) });
};

/** Wall-clock samples, and this process's CPU time for each: on a shared machine a max in wall time may be another process's turn. */
function time(render: () => string): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < 3; i++) render();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    render();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

async function main() {
  if (process.env.NODE_ENV !== 'production') throw new Error('run with NODE_ENV=production');
  const { renderToStaticMarkup } = await import('react-dom/server');
  const { MessageBody } = await import('../components/chat/MessageBody');
  const { parseBody } = await import('../lib/messages/body');
  const { parseMarkdown } = await import('../lib/messages/markdown');
  // What MessageBody rendered before Markdown: parseBody's parts as spans and links.
  const previous = (text: string) =>
    parseBody(text).parts.map((p, i) =>
      p.kind === 'link'
        ? createElement('a', { key: i, href: p.href }, p.text)
        : createElement('span', { key: i, 'data-username': p.kind === 'mention' ? p.username : undefined }, p.text),
    );
  // Warm-up over every body first (the JIT, the parser built on first use): the first body measured
  // would otherwise carry the process's cold start in its max.
  for (const body of Object.values(pathologicalBodies)) renderToStaticMarkup(createElement(MessageBody, { text: body }));
  const results = Object.entries(pathologicalBodies).map(([name, body]) => ({
    name,
    chars: body.length,
    markdown: time(() => renderToStaticMarkup(createElement(MessageBody, { text: body, meUsername: 'someone' }))),
    parseOnly: time(() => JSON.stringify(parseMarkdown(body))).wall,
    plainText: time(() => renderToStaticMarkup(createElement('div', null, body))).wall,
    previous: time(() => renderToStaticMarkup(createElement('div', null, previous(body)))).wall,
  }));
  process.stdout.write(JSON.stringify(results) + '\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
