import { describe, expect, it } from 'vitest';
import { countPlaywright, countVitest } from '../support/report-counts';

const file = (status: string, tests: string[], message = '') => ({ name: 'a.test.ts', status, message, assertionResults: tests.map((s) => ({ status: s })) });
const report = (files: ReturnType<typeof file>[]) => {
  const all = files.flatMap((f) => f.assertionResults.map((a) => a.status));
  return {
    numPassedTests: all.filter((s) => s === 'passed').length,
    numFailedTests: all.filter((s) => s === 'failed').length,
    numPendingTests: all.filter((s) => s === 'skipped' || s === 'pending').length,
    numTodoTests: all.filter((s) => s === 'todo').length,
    testResults: files,
  };
};

describe('counting a vitest run', () => {
  it('passes a run where everything passed', () => {
    expect(countVitest(report([file('passed', ['passed', 'passed'])]), 0, 2)).toMatchObject({ passed: 2, failed: 0, skipped: 0, ok: true });
  });

  it('counts every test of a file whose setup failed as failed, not as one failure or as skipped', () => {
    const count = countVitest(report([file('failed', ['skipped', 'skipped', 'skipped'], 'beforeAll threw'), file('passed', ['passed'])]), 1, 1);
    expect(count).toMatchObject({ passed: 1, failed: 3, skipped: 0, ok: false });
    expect(count.problems[0]).toContain('failed outside its tests');
  });

  it('counts a file that failed to load as a failure', () => {
    expect(countVitest(report([file('failed', [], 'SyntaxError')]), 1, 0)).toMatchObject({ failed: 1, ok: false });
  });

  it('fails a run with skipped or todo tests', () => {
    expect(countVitest(report([file('passed', ['passed', 'skipped', 'todo'])]), 0, 1)).toMatchObject({ passed: 1, failed: 0, skipped: 2, ok: false });
  });

  it('fails a runner that ran fewer tests than its floor', () => {
    const count = countVitest(report([file('passed', ['passed'])]), 0, 50);
    expect(count).toMatchObject({ failed: 1, ok: false });
    expect(count.problems[0]).toContain('fewer than the 50');
  });

  it('fails a run that exited non-zero with no failed test, and one with no report', () => {
    expect(countVitest(report([file('passed', ['passed'])]), 1, 1)).toMatchObject({ failed: 1, ok: false });
    expect(countVitest(null, 0, 0)).toMatchObject({ failed: 1, ok: false });
  });
});

describe('counting a Playwright run', () => {
  it('counts flaky as passed, skipped as not passed, and errors outside tests as failures', () => {
    expect(countPlaywright({ stats: { expected: 20, flaky: 1 } }, 0, 20)).toMatchObject({ passed: 21, ok: true });
    expect(countPlaywright({ stats: { expected: 20, skipped: 1 } }, 0, 20)).toMatchObject({ skipped: 1, ok: false });
    expect(countPlaywright({ stats: { expected: 20 }, errors: [{}] }, 1, 20)).toMatchObject({ failed: 1, ok: false });
  });
});
