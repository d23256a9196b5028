import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { skipBecause } from '@hexad/test-support'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')
const guard = join(root, 'scripts', 'check-node.cjs')
const wanted = readFileSync(join(root, '.nvmrc'), 'utf8').trim()

/** A Node of another major on this machine (Debian's, say), to be refused for real. */
function otherNode(): string | undefined {
  return ['/usr/bin/node', '/usr/local/bin/node'].find(
    (node) =>
      existsSync(node) &&
      execFileSync(node, ['-p', 'process.versions.node.split(".")[0]'], {
        encoding: 'utf8',
      }).trim() !== wanted,
  )
}
const other = otherNode()
const refusal = new RegExp(
  `^hexad needs Node ${wanted} and this is Node \\d+\\.\\d+\\.\\d+: use \\.\\./\\.\\./hexad, ` +
    `which gets Node ${wanted} and pnpm into \\.tools/ .*\\(e\\.g\\. \\.\\./\\.\\./hexad dev\\)$`,
)

describe(
  `a service started by hand on another Node (${other ?? 'none here'})`,
  skipBecause(!other && `no Node other than ${wanted} at /usr/bin or /usr/local/bin`),
  () => {
    const consoleApi = join(root, 'apps', 'console-api')

    it('stops before loading any TypeScript, with one line saying what to run', () => {
      const run = spawnSync(other!, ['--require', guard, 'src/server.ts'], {
        cwd: consoleApi,
        encoding: 'utf8',
      })
      expect(run.status).toBe(1)
      expect(run.stdout).toBe('')
      expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(refusal)])
    })

    it('says the same through `pnpm start`, instead of ERR_UNKNOWN_FILE_EXTENSION', () => {
      const run = spawnSync('pnpm', ['--silent', 'start'], {
        cwd: consoleApi,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${dirname(other!)}:${process.env.PATH}` },
      })
      expect(run.status).not.toBe(0)
      expect(run.stderr).toMatch(new RegExp(refusal.source, 'm'))
      expect(run.stderr).not.toContain('ERR_UNKNOWN_FILE_EXTENSION')
    })
  },
)

describe(`on Node ${wanted}`, () => {
  it('lets everything start, silently', () => {
    const run = spawnSync(process.execPath, [guard], { encoding: 'utf8' })
    expect([run.status, run.stdout, run.stderr]).toEqual([0, '', ''])
  })
})
