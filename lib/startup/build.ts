// `npm start` builds first when there is no production build newer than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const sourceDirs = ['app', 'components', 'lib', 'db', 'styles'];
const sourceFiles = ['next.config.mjs', 'package.json', 'tsconfig.json'];

function newestSourceTime(root: string): number {
  let newest = 0;
  const visit = (p: string) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const entry of readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, s.mtimeMs);
  };
  for (const d of sourceDirs) if (existsSync(path.join(root, d))) visit(path.join(root, d));
  for (const f of sourceFiles) if (existsSync(path.join(root, f))) newest = Math.max(newest, statSync(path.join(root, f)).mtimeMs);
  return newest;
}

export function hasCurrentBuild(root = process.cwd()): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  return existsSync(buildId) && statSync(buildId).mtimeMs >= newestSourceTime(root);
}

export function ensureProductionBuild(log: (msg: string) => void, root = process.cwd()): void {
  if (hasCurrentBuild(root)) return;
  log('No current production build: running `next build` (this takes a minute or two)…');
  const result = spawnSync(process.execPath, [require.resolve('next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error('next build failed');
}
