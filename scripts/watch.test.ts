import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { watchFlags } from './watch.ts'
import { workspaceFolders } from './workspace.ts'

const root = join(import.meta.dirname, '..')

describe('what a service in `pnpm dev` watches', () => {
  let dir: string
  let child: ChildProcess | undefined
  afterEach(() => {
    child?.kill()
    rmSync(dir, { recursive: true, force: true })
  })

  it('restarts on a change in its sources, not on one in node_modules', async () => {
    // A package whose program loads a dependency from node_modules, as a service loads fastify.
    dir = mkdtempSync(join(tmpdir(), 'hexad-watch-'))
    mkdirSync(join(dir, 'src'))
    mkdirSync(join(dir, 'node_modules', 'dep'), { recursive: true })
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
    writeFileSync(join(dir, 'node_modules/dep/package.json'), '{"type":"module","main":"i.js"}')
    writeFileSync(join(dir, 'node_modules/dep/i.js'), 'export const dep = 1\n')
    const program =
      "import { dep } from 'dep'\nconsole.log('started', dep)\nsetInterval(() => {}, 1000)\n"
    writeFileSync(join(dir, 'src/main.ts'), program)

    let output = ''
    const started = () => output.split('started').length - 1
    child = spawn(process.execPath, [...watchFlags([dir]), 'src/main.ts'], { cwd: dir })
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    await expect.poll(started, { timeout: 10_000 }).toBe(1)

    // The dependency changes first (another checkout's `pnpm install`), then, once Node's watcher
    // would have restarted for it (it batches changes of the same moment), a source file.
    const now = new Date()
    utimesSync(join(dir, 'node_modules/dep/i.js'), now, now)
    await sleep(1_500)
    writeFileSync(join(dir, 'src/main.ts'), `${program}// edited\n`)
    await expect.poll(started, { timeout: 10_000 }).toBe(2)
    expect(output).toContain(join(dir, 'src', 'main.ts'))
    expect(output).not.toContain('node_modules')
  })
})

describe('the folders a service in `pnpm dev` watches', () => {
  it("are its own package's and its workspace dependencies', as pnpm resolves them", () => {
    const folders = workspaceFolders(join(root, 'apps', 'console-api'), ['--filter', '{.}...'])
    const flags = watchFlags(folders)
    expect(flags).toContain(`--watch-path=${join(root, 'apps/console-api/src')}`)
    expect(flags).toContain(`--watch-path=${join(root, 'packages/service-kit/src')}`)
    expect(flags).toContain(`--watch-path=${join(root, 'packages/db/src')}`)
    expect(flags.join(' ')).not.toContain('ad-api')
    expect(flags.join(' ')).not.toContain('node_modules')
  })
})
