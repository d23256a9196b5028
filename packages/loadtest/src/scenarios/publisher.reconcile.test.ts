import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { ANALYTICS_TAGS, lineParser, parseFileName, splitLines } from '@hexad/contracts/analytics'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { LoadTestResults } from '../results.ts'
import { runLoadTest } from '../run/load-test.ts'
import { publisher } from './publisher.ts'
import { freePort } from '@hexad/test-support'

// The real ad-api, as a child process on an embedded SQLite file and a temporary analytics
// folder: what the load test says it sent must be what the service wrote down.
const AD_API = fileURLToPath(new URL('../../../../apps/ad-api/src/server.ts', import.meta.url))
const POD = 'loadtest-reconcile'

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 })

async function waitUntilReady(url: string, child: ChildProcess, output: () => string) {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`ad-api exited ${child.exitCode}:\n${output()}`)
    const ready = await fetch(url).then(
      (r) => r.ok,
      () => false,
    )
    if (ready) return
    await sleep(200)
  }
  throw new Error(`ad-api was not ready within a minute:\n${output()}`)
}

/** Records per tag in the pod's folder, each a valid line of its file's tag (the contract's). */
async function countRecords(dir: string): Promise<Record<string, number>> {
  const parse = lineParser(ANALYTICS_TAGS)
  const counts: Record<string, number> = {}
  for (const name of await readdir(dir)) {
    const file = parseFileName(name)
    if (!file) continue
    const { lines, tail } = splitLines(await readFile(join(dir, name), 'utf8'))
    expect(tail, name).toBe('') // the service has exited cleanly: no line was left half-written
    for (const line of lines) {
      const record = parse(line)
      expect(record, line).toMatchObject({ tag: file.tag, pod: POD })
      counts[file.tag] = (counts[file.tag] ?? 0) + 1
    }
  }
  return counts
}

describe('the publisher scenario against ad-api', () => {
  let dir: string
  let results: LoadTestResults
  let records: Record<string, number>

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loadtest-reconcile-'))
    const port = await freePort()
    let output = ''
    const child = spawn(process.execPath, [AD_API], {
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: `sqlite:${join(dir, 'hexad.db')}`,
        ANALYTICS_LOG_DIR: join(dir, 'analytics'),
        POD_NAME: POD,
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
        SHUTDOWN_DELAY_MS: '0',
        LOG_LEVEL: 'warn',
      },
    })
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    try {
      await waitUntilReady(`http://127.0.0.1:${port}/readyz`, child, () => output)
      results = await runLoadTest({
        scenario: publisher,
        plan: {
          target: new URL(`http://127.0.0.1:${port}`),
          connections: 4,
          rate: null,
          rampUpMs: 0,
          durationMs: 3_000,
          timeoutMs: 10_000,
        },
        thresholds: [],
        env: {},
        signal: new AbortController().signal,
      })
    } finally {
      // Records are flushed on a clean shutdown: count only after the service has exited.
      child.kill('SIGTERM')
    }
    expect(await exited, output).toBe(0)
    records = await countRecords(join(dir, 'analytics', POD))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('sent as many impressions as ad-api wrote impression records', () => {
    const imp = results.endpoints.find((e) => e.id === 'imp')!
    expect(imp.errors).toBe(0)
    expect(imp.requests).toBeGreaterThan(0)
    expect(records.impression).toBe(imp.requests)
    expect(records.impression).toBe(imp.statusCodes['204'])
  })

  it('and as many ad requests and clicks', () => {
    const [ads, , click] = results.endpoints
    // The preflight asked for one ad before the load.
    expect(records.ad_request).toBe(ads!.requests + 1)
    expect(records.click ?? 0).toBe(click!.requests)
    expect(results.total.errors).toBe(0)
  })
})
