// `pnpm test`: every package's vitest suite through turbo (one at a time: the suites share MySQL and
// two cores), then one closing line that adds them all up, so a reader — or CI — sees the total.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const REPORT = join('.vitest', 'report.json')
const root = join(import.meta.dirname, '..')
const packageDirs = [
  ...['apps', 'packages'].flatMap((group) =>
    existsSync(join(root, group))
      ? readdirSync(join(root, group)).map((name) => join(root, group, name))
      : [],
  ),
  // Workspace packages that are a folder of their own at the root.
  join(root, 'infra'),
]

for (const dir of packageDirs) rmSync(join(dir, REPORT), { force: true })

const turbo = spawnSync(
  'pnpm',
  [
    'exec',
    'turbo',
    'run',
    'test',
    '--concurrency=1',
    '--continue',
    '--',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${REPORT}`,
  ],
  { cwd: root, stdio: 'inherit' },
)

let passed = 0
let failed = 0
let skipped = 0
for (const dir of packageDirs) {
  const file = join(dir, REPORT)
  if (!existsSync(file)) continue
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTodoTests: number
  }
  passed += report.numPassedTests
  failed += report.numFailedTests
  skipped += report.numPendingTests + report.numTodoTests
}
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`)
process.exit(turbo.status ?? 1)
