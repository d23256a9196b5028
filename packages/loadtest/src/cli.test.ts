import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startFakeSlack } from '../test/fake-slack.ts'
import { startFakeTarget, type FakeTarget } from '../test/fake-target.ts'
import { runCli } from '../test/run-cli.ts'
import type { LoadTestResults } from './results.ts'

// Real processes, on a machine that may be busy with other work: time enough to start.
vi.setConfig({ testTimeout: 30_000 })

// Short runs at two connections: these tests are about exit codes and files, not about speed.
const SHORT = ['--duration', '1s', '--connections', '2']

let target: FakeTarget
let dir: string
beforeAll(async () => {
  target = await startFakeTarget()
  dir = await mkdtemp(join(tmpdir(), 'loadtest-cli-'))
})
afterAll(async () => {
  await target.close()
  await rm(dir, { recursive: true, force: true })
})

const readResults = async (out: string) =>
  JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as LoadTestResults

describe('loadtest CLI', () => {
  it('exits 1 when a threshold is missed, after writing both reports', async () => {
    const out = join(dir, 'missed')
    // No response is faster than the histogram's resolution (1 µs): this threshold always misses.
    const run = await runCli([
      ...['--target', target.url, '--scenario', 'publisher', ...SHORT, '--out', out],
      ...['--threshold', 'p99<0.001ms', '--threshold', 'errors<5%'],
    ])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('MISS p99<0.001ms')
    expect(run.stdout).toMatch(/ok {3}errors<5% \(0 %\)/)
    const results = await readResults(out)
    expect(results.passed).toBe(false)
    expect(results.thresholds.map((t) => t.passed)).toEqual([false, true])
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('<svg class="chart"')
  })

  it('exits 1 when the error rate is over its threshold', async () => {
    const failing = await startFakeTarget({ failShare: 0.5 })
    try {
      const out = join(dir, 'errors')
      const args = ['--target', failing.url, '--scenario', 'publisher', ...SHORT, '--out', out]
      const run = await runCli([...args, '--threshold', 'ads.errors<0.1%'])
      expect(run.code).toBe(1)
      const ads = (await readResults(out)).endpoints.find((e) => e.id === 'ads')
      expect(ads?.errorKinds['status 500']).toBeGreaterThan(0)
    } finally {
      await failing.close()
    }
  })

  it('exits 0 when every threshold holds (console scenario, logged in once)', async () => {
    const out = join(dir, 'console')
    const args = ['--target', target.url, '--scenario', 'console', ...SHORT, '--out', out]
    const run = await runCli([...args, '--threshold', 'errors<=0%'])
    expect(run.code).toBe(0)
    const results = await readResults(out)
    expect(results.setup).toEqual([
      expect.objectContaining({ label: 'POST /api/auth/login', status: 200 }),
    ])
    expect(results.endpoints.map((e) => e.id)).toEqual(['campaigns', 'reports'])
    expect(results.endpoints.every((e) => e.responses > 0)).toBe(true)
  })

  it('zips the report and posts it to Slack when the environment says so', async () => {
    const slack = await startFakeSlack()
    try {
      const run = await runCli(
        [
          '--target',
          target.url,
          '--scenario',
          'console',
          ...SHORT,
          '--out',
          join(dir, 'slack'),
          '--slack-webhook',
          '--threshold',
          'errors<=0%',
        ],
        {
          SLACK_WEBHOOK_URL: slack.webhookUrl,
          SLACK_BOT_TOKEN: 'xoxb-cli-test',
          SLACK_CHANNEL: 'C0CLI',
          SLACK_API_BASE_URL: slack.apiBaseUrl,
        },
      )
      expect(run.code).toBe(0)
      expect(run.stderr).toContain('posted to Slack')
      expect(run.stdout + run.stderr).not.toContain('xoxb-cli-test')
      const upload = slack.received.find((r) => r.path.startsWith('/upload/'))
      const zip = unzipSync(new Uint8Array(upload!.body))
      expect(Object.keys(zip).sort()).toEqual(['report.html', 'report.json'])
      expect((JSON.parse(strFromU8(zip['report.json']!)) as LoadTestResults).scenario).toBe(
        'console',
      )
      expect(slack.received.map((r) => r.path)).toContain('/hook')
    } finally {
      await slack.close()
    }
  })

  it('stops cleanly on SIGINT, still writes the report, and does not pass', async () => {
    const out = join(dir, 'interrupted')
    const args = [
      '--target',
      target.url,
      '--scenario',
      'publisher',
      '--duration',
      '60s',
      '--connections',
      '2',
    ]
    const run = await runCli([...args, '--out', out], {}, (child) => {
      child.stderr?.once('data', () => setTimeout(() => child.kill('SIGINT'), 500))
    })
    expect(run.code).toBe(1)
    const results = await readResults(out)
    expect(results).toMatchObject({ interrupted: true, passed: false })
    expect(results.elapsedSeconds).toBeLessThan(60)
  })

  it('exits 3 with one line when the target is down', async () => {
    const down = await startFakeTarget()
    await down.close()
    const run = await runCli([
      '--target',
      down.url,
      '--scenario',
      'publisher',
      ...SHORT,
      '--out',
      join(dir, 'down'),
    ])
    expect(run.code).toBe(3)
    expect(run.stderr).toMatch(
      /cannot reach http:\/\/127\.0\.0\.1:\d+ \(preflight GET \/v1\/ads\): ECONNREFUSED/,
    )
  })

  // Each message is tested in options.test.ts; here, that the process reports them as it should.
  it('refuses bad arguments with a clear message, exit 2 and no stack trace', async () => {
    const base = ['--target', target.url, '--scenario', 'publisher']
    const cases: Array<[string[], string]> = [
      [['--scenario', 'publisher'], '--target is required'],
      [[...base, '--duration', '20'], '--duration: "20" is not a duration'],
      [
        [...base, '--slack-webhook', 'https://hooks.slack.com/services/T/B/tok3n-never-printed'],
        '--slack-webhook takes no value',
      ],
      [[...base, '--slack-webhook'], '--slack-webhook: SLACK_WEBHOOK_URL is not set'],
    ]
    const runs = await Promise.all(cases.map(([args]) => runCli(args)))
    runs.forEach((run, i) => {
      const [args, message] = cases[i]!
      expect(run.code, args.join(' ')).toBe(2)
      // Two lines: the message, then where to look for usage.
      const lines = run.stderr.trimEnd().split('\n')
      expect(lines).toEqual([
        expect.stringContaining(`loadtest: ${message}`),
        'Run with --help for usage.',
      ])
      expect(run.stderr).not.toMatch(/^\s+at /m)
      expect(run.stderr).not.toContain('tok3n-never-printed')
    })
  })

  it('explains itself with --help', async () => {
    const run = await runCli(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Usage: loadtest --target <url> --scenario <name>')
  })
})
