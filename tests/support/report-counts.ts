// How `npm test` counts a runner's results from its JSON report. A test that did not run is never
// a pass: skipped and todo tests are counted (and fail the run), a file whose setup failed counts
// every test in it as failed (vitest reports them as skipped), and a runner that ran fewer tests
// than its floor fails, so a suite that quietly stops running cannot pass.
export type Count = { passed: number; failed: number; skipped: number; ok: boolean; problems: string[] };

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
};

type PlaywrightReport = { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number }; errors?: unknown[] };

function finish(count: Omit<Count, 'ok'>, exitStatus: number, floor: number): Count {
  const problems = [...count.problems];
  let failed = count.failed;
  if (count.passed + failed < floor) {
    problems.push(`ran ${count.passed + failed} tests, fewer than the ${floor} it must run`);
    failed += 1;
  }
  if (exitStatus !== 0 && failed === 0) {
    problems.push(`exited with ${exitStatus} without a failed test`);
    failed = 1;
  }
  return { ...count, failed, problems, ok: exitStatus === 0 && failed === 0 && count.skipped === 0 };
}

export function countVitest(report: VitestReport | null, exitStatus: number, floor: number): Count {
  if (!report) return { passed: 0, failed: 1, skipped: 0, ok: false, problems: ['wrote no report'] };
  let failed = report.numFailedTests;
  let skipped = report.numPendingTests + report.numTodoTests;
  const problems: string[] = [];
  for (const file of report.testResults) {
    if (file.status !== 'failed') continue;
    const unrun = file.assertionResults.filter((a) => a.status !== 'passed' && a.status !== 'failed').length;
    const anyFailed = file.assertionResults.some((a) => a.status === 'failed');
    if (unrun === 0 && anyFailed) continue;
    // The file failed outside its tests (a hook or the import threw): what it did not run failed.
    problems.push(`${file.name}: failed outside its tests${file.message ? `: ${file.message.split('\n')[0]}` : ''}`);
    failed += Math.max(unrun, 1);
    skipped -= unrun;
  }
  if (skipped > 0) problems.push(`${skipped} skipped or todo tests`);
  return finish({ passed: report.numPassedTests, failed, skipped, problems }, exitStatus, floor);
}

export function countPlaywright(report: PlaywrightReport | null, exitStatus: number, floor: number): Count {
  if (!report) return { passed: 0, failed: 1, skipped: 0, ok: false, problems: ['wrote no report'] };
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {};
  const errors = report.errors?.length ?? 0;
  const problems = [...(skipped > 0 ? [`${skipped} skipped tests`] : []), ...(errors > 0 ? [`${errors} errors outside tests`] : [])];
  return finish({ passed: expected + flaky, failed: unexpected + errors, skipped, problems }, exitStatus, floor);
}
