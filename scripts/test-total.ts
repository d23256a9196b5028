// The closing line of `pnpm test`: every suite's vitest JSON report added up, and why anything
// did not run.

/** The parts of a vitest JSON report (`--reporter=json`) the total reads. */
export interface VitestReport {
  numPassedTests: number
  numFailedTests: number
  numPendingTests: number
  numTodoTests: number
  testResults: {
    assertionResults: {
      status: string
      title: string
      ancestorTitles: string[]
      meta?: { skipReason?: string }
    }[]
  }[]
}

const NOT_RUN = new Set(['skipped', 'pending', 'todo'])

/** Skipped tests counted by reason: test-support's `skipBecause`, else the suite that skipped. */
function skipReasons(reports: readonly VitestReport[]): Map<string, number> {
  const reasons = new Map<string, number>()
  for (const test of reports.flatMap((r) => r.testResults.flatMap((f) => f.assertionResults))) {
    if (!NOT_RUN.has(test.status)) continue
    const reason =
      test.meta?.skipReason ??
      (test.status === 'todo'
        ? 'todo'
        : `no reason given, in "${test.ancestorTitles[0] ?? test.title}"`)
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1)
  }
  return reasons
}

export interface TestRun {
  /** One report per workspace package's suite. */
  packages: readonly VitestReport[]
  /** The browser suite's (e2e/), when it ran. */
  browser?: VitestReport
  /** Packages with tests that wrote no report (their run crashed before the end). */
  silent: readonly string[]
  /** What did not run at all, each with why: "the browser suite (no Chromium at …)". */
  notRun: readonly string[]
}

export function totalLine(run: TestRun): string {
  const reports = run.browser ? [...run.packages, run.browser] : run.packages
  const sum = (pick: (r: VitestReport) => number) => reports.reduce((n, r) => n + pick(r), 0)
  const skipped = sum((r) => r.numPendingTests + r.numTodoTests)
  const reasons = [...skipReasons(reports)]
  const why =
    reasons.length === 1 && reasons[0]?.[1] === skipped
      ? `: ${reasons[0][0]}`
      : reasons.length
        ? ` (${reasons.map(([reason, n]) => `${n}: ${reason}`).join('; ')})`
        : ''
  const packages = `${run.packages.length} package${run.packages.length === 1 ? '' : 's'}`
  const parts = [
    `Tests: ${sum((r) => r.numPassedTests)} passed, ${sum((r) => r.numFailedTests)} failed, ` +
      `${skipped} skipped${why}, in ${packages}${run.browser ? ' and the browser suite' : ''}`,
  ]
  if (run.silent.length) parts.push(`no report from ${run.silent.join(', ')}`)
  if (run.notRun.length) parts.push(`not run: ${run.notRun.join(', ')}`)
  return parts.join('; ')
}
