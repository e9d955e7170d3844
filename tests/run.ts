// `npm test`: lint, format check and typecheck, a build if needed, then every runner (vitest unit +
// integration, fuzz, chaos; Playwright e2e), each against the real server; ends with one line
// "N passed, N failed" summing them all.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureProductionBuild } from '../lib/startup/build';

const root = path.resolve(__dirname, '..');
const results = path.join(root, 'tests', '.results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

type Count = { passed: number; failed: number; ok: boolean };

function run(command: string, args: string[]): number {
  const bin = path.join(root, 'node_modules', '.bin', command);
  return spawnSync(bin, args, { cwd: root, stdio: 'inherit', env: process.env }).status ?? 1;
}

function readJson(file: string): any {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
}

function vitest(projects: string[], name: string): Count {
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
  const report = readJson(file);
  if (!report) return { passed: 0, failed: 1, ok: false };
  const failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  return { passed: report.numPassedTests, failed: failed || (status === 0 ? 0 : 1), ok: status === 0 };
}

function playwright(): Count {
  const status = run('playwright', ['test', '--config', 'tests/playwright.config.ts']);
  const report = readJson(path.join(results, 'playwright.json'));
  if (!report) return { passed: 0, failed: 1, ok: false };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  const failed = unexpected + (report.errors?.length ?? 0);
  return { passed: expected + flaky, failed: failed || (status === 0 ? 0 : 1), ok: status === 0 };
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
 * The servers' logs of the whole run must hold no secret: no password the suites used, no
 * password hash, no bearer secret. Counted as one test.
 */
function auditServerLogs(): Count {
  const passwords = [
    'correct horse battery',
    'a brand new secret',
    'another long one',
    'a much better secret',
    'long enough',
    'not the password',
    'wrong password',
  ];
  const patterns: [string, RegExp][] = [
    ['an argon2 hash', /\$argon2id\$/],
    ['a bearer secret', /\bch[sp]_[A-Za-z0-9_-]{43}\b/],
    ...passwords.map((p): [string, RegExp] => [`the password "${p}"`, new RegExp(p)]),
  ];
  const logs = readdirSync(results).filter((f) => /^server-.*\.log$/.test(f));
  const found: string[] = [];
  for (const file of logs) {
    const text = readFileSync(path.join(results, file), 'utf8');
    for (const [what, pattern] of patterns) if (pattern.test(text)) found.push(`${file}: ${what}`);
  }
  const ok = logs.length > 0 && found.length === 0;
  console.log(ok ? `✓ server logs hold no secrets (${logs.length} logs checked)` : `✗ server logs: ${found.join('; ') || 'no logs to check'}`);
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, ok };
}

/** A command that must exit 0 (the linter, the type checker), counted as one test. */
function check(name: string, command: string, args: string[]): Count {
  const ok = run(command, args) === 0;
  console.log(ok ? `✓ ${name}` : `✗ ${name} failed`);
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, ok };
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
  return { passed: ok ? 1 : 0, failed: ok ? 0 : 1, ok };
}

const counts = [
  check('lint (eslint)', 'eslint', ['.']),
  check('format (prettier --check)', 'prettier', ['--check', '.']),
  check('typecheck (tsc --noEmit)', 'tsc', ['--noEmit']),
];
ensureProductionBuild((msg) => console.log(msg), root);
counts.push(vitest(['unit', 'integration'], 'main'), vitest(['fuzz'], 'fuzz'), vitest(['chaos'], 'chaos'), playwright());
counts.push(benchSmoke(), auditServerLogs());
console.log('\n' + contractSummary());
const passed = counts.reduce((n, c) => n + c.passed, 0);
const failed = counts.reduce((n, c) => n + c.failed, 0);
const ranNothing = passed + failed === 0;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || ranNothing || counts.some((c) => !c.ok) ? 1 : 0);
