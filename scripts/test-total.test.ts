import { describe, expect, it } from 'vitest'
import { totalLine, type VitestReport } from './test-total.ts'

type Test = VitestReport['testResults'][number]['assertionResults'][number]

function report(tests: Test[]): VitestReport {
  const count = (...statuses: string[]) => tests.filter((t) => statuses.includes(t.status)).length
  return {
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped', 'pending'),
    numTodoTests: count('todo'),
    testResults: [{ assertionResults: tests }],
  }
}
const passed = (title: string): Test => ({ status: 'passed', title, ancestorTitles: ['suite'] })
const skipped = (suite: string, skipReason?: string): Test => ({
  status: 'skipped',
  title: 'a test',
  ancestorTitles: [suite, 'inner'],
  ...(skipReason ? { meta: { skipReason } } : {}),
})

describe("pnpm test's closing line", () => {
  it('adds up every package and the browser suite, and groups the skipped by reason', () => {
    const line = totalLine({
      packages: [
        report([passed('a'), passed('b'), skipped('on MySQL', 'no TEST_MYSQL_URL')]),
        report([passed('c'), skipped('jobs on MySQL', 'no TEST_MYSQL_URL')]),
      ],
      browser: report([passed('e2e'), { ...passed('broken'), status: 'failed' }]),
      silent: [],
      notRun: [],
    })
    expect(line).toBe(
      'Tests: 4 passed, 1 failed, 2 skipped: no TEST_MYSQL_URL, in 2 packages and the browser suite',
    )
  })

  it('names the suite of a test skipped without a reason, what crashed and what did not run', () => {
    const line = totalLine({
      packages: [report([passed('a'), skipped('on a tiny tmpfs'), skipped('x', 'no Chromium')])],
      silent: ['packages/db'],
      notRun: ['the browser suite (no Chromium at /usr/bin/chromium)'],
    })
    expect(line).toBe(
      'Tests: 1 passed, 0 failed, 2 skipped (1: no reason given, in "on a tiny tmpfs"; ' +
        '1: no Chromium), in 1 package; no report from packages/db; ' +
        'not run: the browser suite (no Chromium at /usr/bin/chromium)',
    )
  })
})
