import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { workspacePackages } from '@hexad/deploy-tools/workspace'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { repoRoot } from '../workspace.ts'
import { pnpmCalls } from './pnpm-calls.ts'

interface Step {
  run?: string | { command: string }
  [command: string]: unknown
}
interface Job {
  executor?: string
  steps: (string | Step)[]
}
type WorkflowJob = string | Record<string, { requires?: string[]; filters?: unknown }>
interface Config {
  version: number
  orbs?: Record<string, string>
  executors?: Record<string, unknown>
  commands?: Record<string, { steps: (string | Step)[] }>
  jobs: Record<string, Job>
  workflows: Record<string, { jobs: WorkflowJob[] }>
}

const root = repoRoot()
const config = parse(readFileSync(join(root, '.circleci/config.yml'), 'utf8')) as Config
const BRANCHES = ['dev', 'stg', 'prd']

function workflowJobs(): { name: string; requires: string[]; filters?: unknown }[] {
  return Object.values(config.workflows).flatMap((workflow) =>
    workflow.jobs.map((entry) => {
      if (typeof entry === 'string') return { name: entry, requires: [] }
      const [name = '', options] = Object.entries(entry)[0] ?? []
      return { name, requires: options?.requires ?? [], filters: options?.filters }
    }),
  )
}

/** Every step, including those inside `when` blocks and reusable commands. */
function allSteps(steps: (string | Step)[]): (string | Step)[] {
  return steps.flatMap((step) => {
    const inner = typeof step === 'object' && (step.when as { steps?: Step[] } | undefined)?.steps
    return inner ? [step, ...allSteps(inner)] : [step]
  })
}

const steps = [
  ...Object.values(config.jobs).flatMap((job) => allSteps(job.steps)),
  ...Object.values(config.commands ?? {}).flatMap((command) => allSteps(command.steps)),
]
const commands = steps
  .map((step) => (typeof step === 'object' ? step.run : undefined))
  .map((run) => (typeof run === 'string' ? run : run?.command))
  .filter((run): run is string => typeof run === 'string')

function packageScripts(dir: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as {
    name: string
    scripts?: Record<string, string>
  }
  return manifest.scripts ?? {}
}

describe('.circleci/config.yml', () => {
  it('is CircleCI 2.1 with orbs pinned to exact versions', () => {
    expect(config.version).toBe(2.1)
    for (const orb of Object.values(config.orbs ?? {})) expect(orb).toMatch(/@\d+\.\d+\.\d+$/)
  })

  it('references only jobs, executors and commands it defines (or orbs provide)', () => {
    for (const job of workflowJobs()) {
      expect(Object.keys(config.jobs), `workflow job ${job.name}`).toContain(job.name)
      for (const required of job.requires) {
        expect(
          workflowJobs().map((j) => j.name),
          `${job.name} requires`,
        ).toContain(required)
      }
    }
    for (const [name, job] of Object.entries(config.jobs)) {
      if (job.executor) expect(Object.keys(config.executors ?? {}), name).toContain(job.executor)
    }
    const builtins = [
      'checkout',
      'run',
      'when',
      'setup_remote_docker',
      'restore_cache',
      'save_cache',
      'store_artifacts',
    ]
    for (const step of steps) {
      const name = typeof step === 'string' ? step : (Object.keys(step)[0] ?? '')
      const [orb] = name.split('/')
      const known =
        builtins.includes(name) ||
        name in (config.commands ?? {}) ||
        (name.includes('/') && orb !== undefined && orb in (config.orbs ?? {}))
      expect(known, `step ${name}`).toBe(true)
    }
  })

  it('checks every push on every branch, and releases only dev, stg and prd after the checks', () => {
    const jobs = workflowJobs()
    const checks = ['lint', 'typecheck', 'test', 'e2e']
    for (const name of checks) {
      const job = jobs.find((j) => j.name === name)
      expect(job, name).toBeDefined()
      expect(job?.filters, `${name} runs on every branch`).toBeUndefined()
    }
    const release = jobs.find((j) => j.name === 'release')
    expect(release?.requires.sort()).toEqual([...checks].sort())
    expect(release?.filters).toEqual({ branches: { only: BRANCHES } })
  })

  it('runs the tests against MySQL', () => {
    const test = config.jobs.test
    const executor = (config.executors ?? {})[test?.executor ?? ''] as {
      docker: { image: string }[]
      environment?: Record<string, string>
    }
    expect(executor.docker.some((container) => /^mysql:/.test(container.image))).toBe(true)
    expect(executor.environment?.TEST_MYSQL_URL).toMatch(/^mysql:\/\/.+@127\.0\.0\.1:3306\//)
  })

  it('installs a real browser, where CHROMIUM_PATH points, before the tests that drive one', () => {
    // cimg/node:*-browsers has Chrome's libraries, not Chrome (CircleCI's docs install it with
    // the browser-tools orb, which puts it at /usr/bin/google-chrome).
    expect(config.orbs?.['browser-tools']).toMatch(/^circleci\/browser-tools@2\./)
    const install = config.commands?.['install-browser']
    expect(install?.steps[0]).toBe('browser-tools/install_chrome')
    for (const name of ['test', 'e2e']) {
      const job = config.jobs[name]!
      const executor = (config.executors ?? {})[job.executor ?? ''] as {
        environment?: Record<string, string>
      }
      expect(executor.environment?.CHROMIUM_PATH, name).toBe('/usr/bin/google-chrome')
      const names = job.steps.map((s) => (typeof s === 'string' ? s : Object.keys(s)[0]))
      const runsTests = names.findIndex(
        (n, i) => n === 'run' && /pnpm test/.test(JSON.stringify(job.steps[i])),
      )
      expect(names.indexOf('install-browser'), name).toBeGreaterThan(-1)
      expect(names.indexOf('install-browser'), name).toBeLessThan(runsTests)
    }
  })

  it('calls only pnpm scripts that exist, in the root or the filtered package', () => {
    // `pnpm test:e2e` → `pnpm --filter @hexad/e2e test:e2e`: follow the root script one level.
    const rootScripts = packageScripts('.')
    const packages = workspacePackages(root)
    const direct = commands.flatMap(pnpmCalls)
    expect(direct.length).toBeGreaterThan(5)
    const viaRoot = direct
      .filter((call) => call.filter === undefined)
      .flatMap((call) => pnpmCalls(rootScripts[call.script] ?? ''))
    for (const call of [...direct, ...viaRoot]) {
      const dir = call.filter === undefined ? '.' : packages.get(call.filter)
      expect(dir, `package ${call.filter}`).toBeDefined()
      expect(
        Object.keys(packageScripts(dir ?? '.')),
        `pnpm ${call.filter ?? ''} ${call.script}`,
      ).toContain(call.script)
    }
  })

  it('uses only `pnpm k8s` commands that deploy-tools implements', () => {
    const cli = readFileSync(join(root, 'packages/deploy-tools/src/cli.ts'), 'utf8')
    const used = commands.flatMap((c) =>
      [...c.matchAll(/pnpm(?: --silent)? k8s ([a-z-]+)/g)].map((m) => m[1]),
    )
    expect(used).toEqual(expect.arrayContaining(['lint', 'set-image', 'changelog']))
    for (const command of used) expect(cli).toContain(`case '${command}':`)
  })

  it('tags images <env>-<short sha> and commits the dev bump without triggering CI again', () => {
    const text = commands.join('\n')
    expect(text).toContain('TAG="$ENV-$(git rev-parse --short=7 HEAD)"')
    expect(text).toMatch(/git commit -m "dev: .*\[skip ci\]" -- k8s\/dev/)
    expect(text).toContain('pnpm --silent k8s changelog --env "$ENV"')
  })
})
