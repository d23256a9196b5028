// `pnpm test [--skip-e2e]`: every workspace package's vitest suite through turbo (one at a time:
// the suites share MySQL and two cores), then the browser suite (e2e/) when a Chromium is here,
// then one closing line that adds them all up and says why anything did not run (test-total.ts).
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { chromiumMissing } from '@hexad/test-support'
import { mysqlUnreachable } from './mysql-check.ts'
import { totalLine, type VitestReport } from './test-total.ts'
import { workspaceFolders } from './workspace.ts'

const REPORT = join('.vitest', 'report.json')
const BROWSER_REPORT = join('.vitest', 'e2e-report.json')
const root = join(import.meta.dirname, '..')
const { values } = parseArgs({ options: { 'skip-e2e': { type: 'boolean', default: false } } })

const mysqlUrl = process.env.TEST_MYSQL_URL
const mysqlProblem = mysqlUrl && (await mysqlUnreachable(mysqlUrl))
if (mysqlProblem) {
  console.error(mysqlProblem)
  process.exit(1)
}

const withTests = workspaceFolders(root, ['--recursive']).filter((dir) => {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>
  }
  return dir !== root && manifest.scripts?.test !== undefined
})
const e2e = join(root, 'e2e')
for (const dir of withTests) rmSync(join(dir, '.vitest'), { recursive: true, force: true })

const reporters = ['--reporter=default', '--reporter=json']
const turbo = spawnSync(
  'pnpm',
  [
    ...['exec', 'turbo', 'run', 'test', '--concurrency=1', '--continue', '--'],
    ...[...reporters, `--outputFile.json=${REPORT}`],
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
)

// CI installs Chromium, so there a missing one fails the run (e2e's config says so) instead of
// skipping it; on a developer's machine it is a reason in the closing line.
const browserSkip = values['skip-e2e']
  ? '--skip-e2e'
  : process.env.CI
    ? undefined
    : chromiumMissing()
const browser = browserSkip
  ? undefined
  : spawnSync(
      'pnpm',
      ['--filter', '@hexad/e2e', 'test:e2e', ...reporters, `--outputFile.json=${BROWSER_REPORT}`],
      { cwd: root, stdio: 'inherit' },
    )

const read = (file: string) =>
  existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VitestReport) : undefined
const packages = withTests.map((dir) => ({ dir, report: read(join(dir, REPORT)) }))
const notRun = [
  ...(browserSkip ? [`the browser suite (${browserSkip})`] : []),
  ...(mysqlUrl ? [] : ['the MySQL variants of the database suites (no TEST_MYSQL_URL)']),
]
const browserReport = read(join(e2e, BROWSER_REPORT))
console.log(
  `\n${totalLine({
    packages: packages.flatMap(({ report }) => (report ? [report] : [])),
    ...(browserReport ? { browser: browserReport } : {}),
    silent: [
      ...packages.filter(({ report }) => !report).map(({ dir }) => relative(root, dir)),
      ...(browser && !browserReport ? ['the browser suite'] : []),
    ],
    notRun,
  })}`,
)
// A suite killed by a signal has no status: that is a failure too.
process.exit((turbo.status ?? 1) || (browser ? (browser.status ?? 1) : 0))
