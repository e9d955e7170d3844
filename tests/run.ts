// `npm test`: lint, format check and typecheck, a build if needed, then every runner (vitest unit +
// integration, fuzz, chaos; Playwright e2e), each against the real server; ends with one line
// "N passed, N failed" summing them all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureProductionBuild } from '../lib/startup/build';
import { countPlaywright, countVitest, type Count } from './support/report-counts';

const root = path.resolve(__dirname, '..');
const results = path.join(root, 'tests', '.results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/**
 * The fewest tests each runner must run: a runner that quietly runs nothing (a glob that stopped
 * matching, a config that drops a project) fails instead of passing with a smaller count.
 */
const floors = { main: 330, fuzz: 25, chaos: 10, e2e: 20 };

function run(command: string, args: string[]): number {
  const bin = path.join(root, 'node_modules', '.bin', command);
  return spawnSync(bin, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;
}

function readJson(file: string): any {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

function report(name: string, count: Count): Count {
  for (const problem of count.problems) console.log(`✗ ${name}: ${problem}`);
  return count;
}

function vitest(projects: string[], name: keyof typeof floors): Count {
  const file = path.join(results, `vitest-${name}.json`);
  const status = run('vitest', [
    'run',
    '--config',
    'tests/vitest.config.mts',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${file}`,
  ]);
  return report(name, countVitest(readJson(file), status, floors[name]));
}

function playwright(): Count {
  const status = run('playwright', ['test', '--config', 'tests/playwright.config.ts']);
  return report('e2e', countPlaywright(readJson(path.join(results, 'playwright.json')), status, floors.e2e));
}

/** How many API responses and socket payloads the suites checked against the contract. */
function contractSummary(): string {
  const dir = path.join(results, 'contract');
  const totals = { rest: {} as Record<string, number>, socket: {} as Record<string, number> };
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    const {
      runner,
      kind = 'rest',
      validated,
    } = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { runner: string; kind?: 'rest' | 'socket'; validated: number };
    totals[kind][runner] = (totals[kind][runner] ?? 0) + validated;
  }
  const line = (counts: Record<string, number>, what: string) => {
    const all = Object.values(counts).reduce((a, b) => a + b, 0);
    return all === 0
      ? `no ${what}`
      : `${all} ${what} (${Object.entries(counts)
          .map(([r, n]) => `${r} ${n}`)
          .join(', ')})`;
  };
  return `${line(totals.rest, 'API responses matched the OpenAPI document')}\n${line(totals.socket, 'socket payloads matched the event catalogue')}`;
}

/**
 * Every password any suite, bench or example uses, read from their sources (`password: '…'`,
 * `PASSWORD = '…'`, `currentPassword: '…'`, a password field's `.fill('…')`), so a new suite's
 * secrets are audited without anyone remembering to list them here.
 */
function passwordsUsed(): string[] {
  const found = new Set<string>();
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== '.results' && entry.name !== 'results') visit(file);
      } else if (/\.(ts|mts)$/.test(entry.name)) {
        const text = readFileSync(file, 'utf8');
        // `password: '…'`, `PASSWORD = '…'`, and what a browser test types into a password field.
        for (const [, value] of text.matchAll(/password\w*['"]?\s*[:=]\s*['"]([^'"\n]{6,})['"]/gi)) found.add(value);
        for (const [, value] of text.matchAll(/password['"]\)\.fill\(['"]([^'"\n]{6,})['"]/gi)) found.add(value);
      }
    }
  };
  for (const dir of ['tests', 'bench', 'examples']) visit(path.join(root, dir));
  // Digits alone ('12345678' in the length checks) would match any long number in a log line.
  return [...found].filter((p) => /\D/.test(p));
}

/**
 * The servers' logs of the whole run must hold no secret: no password the suites used, no
 * password hash, no bearer or email-link secret. Counted as one test.
 */
function auditServerLogs(): Count {
  const passwords = passwordsUsed();
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns: [string, RegExp][] = [
    ['an argon2 hash', /\$argon2id\$/],
    ['a bearer or email-link secret', /\bch[spe]_[A-Za-z0-9_-]{43}\b/],
    ...passwords.map((p): [string, RegExp] => [`the password "${p}"`, new RegExp(escape(p))]),
  ];
  const logs = readdirSync(results).filter((f) => /^server-.*\.log$/.test(f));
  const found: string[] = [];
  for (const file of logs) {
    const text = readFileSync(path.join(results, file), 'utf8');
    for (const [what, pattern] of patterns) if (pattern.test(text)) found.push(`${file}: ${what}`);
  }
  const ok = logs.length > 0 && passwords.length >= 10 && found.length === 0;
  console.log(
    ok
      ? `✓ server logs hold no secrets (${logs.length} logs, ${passwords.length} passwords from the suites' sources)`
      : `✗ server logs: ${found.join('; ') || `${logs.length} logs, ${passwords.length} passwords found in the sources`}`,
  );
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, ok, problems: [] };
}

/** A command that must exit 0 (the linter, the type checker), counted as one test. */
function check(name: string, command: string, args: string[]): Count {
  const ok = run(command, args) === 0;
  console.log(ok ? `✓ ${name}` : `✗ ${name} failed`);
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, ok, problems: [] };
}

/** A few seconds of `npm run bench`: every part of it still runs. Counted as one test. */
function benchSmoke(): Count {
  const status = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BENCH_SMOKE: '1' },
  }).status;
  const ok = status === 0;
  console.log(ok ? '✓ bench smoke run' : '✗ bench smoke run failed');
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, ok, problems: [] };
}

const counts = [
  check('lint (eslint)', 'eslint', ['.']),
  check('format (prettier --check)', 'prettier', ['--check', '.']),
  check('typecheck (tsc --noEmit)', 'tsc', ['--noEmit']),
  check('OpenAPI lint (Redocly, recommended ruleset)', 'tsx', ['tests/lint-openapi.ts']),
];
ensureProductionBuild((msg) => console.log(msg), root);
counts.push(vitest(['unit', 'integration', 'files-s3', 'embedded'], 'main'), vitest(['fuzz'], 'fuzz'), vitest(['chaos'], 'chaos'), playwright());
counts.push(benchSmoke(), auditServerLogs());
console.log('\n' + contractSummary());
const sum = (key: 'passed' | 'failed' | 'skipped') => counts.reduce((n, c) => n + c[key], 0);
console.log(`\n${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`);
process.exit(sum('failed') > 0 || sum('skipped') > 0 || counts.some((c) => !c.ok) ? 1 : 0);
