// Real ad-api processes, a real full disk and a real kill -9: what is on disk afterwards is what
// the report gets, and it must match what the pages were told.
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { listAnalyticsFiles, readAnalyticsFile } from '@hexad/analytics-log'
import { createTestDb, insertAdvertiser, insertCampaign, type TestDb } from '@hexad/db/testing'
import { type Tmpfs, canMountTmpfs, freePort, mountTmpfs } from '@hexad/test-support'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { testKeys } from '../../../test/build-test-app.ts'
import { browserUserAgent } from '../../../test/fixtures.ts'
import { parseTokenKeys } from '../../tokens/keys.ts'
import { signToken } from '../../tokens/token.ts'

const server = fileURLToPath(new URL('../../server.ts', import.meta.url))
const keys = parseTokenKeys(testKeys.current)
const POD = 'ad-api-0'

let dir: string
let testDb: TestDb
let campaign: number
let tmpfs: Tmpfs | undefined
let child: ChildProcess | undefined

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ad-api-durability-'))
  testDb = await createTestDb('sqlite')
  campaign = await insertCampaign(testDb.db, {
    now: Date.now(),
    advertiser_id: await insertAdvertiser(testDb.db),
  })
})
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL')
    await once(child, 'exit')
  }
  child = undefined
  tmpfs?.unmount()
  tmpfs = undefined
  await testDb.destroy()
  await rm(dir, { recursive: true, force: true })
})

/** ad-api as in a pod (production mode), on a free port, once /readyz says so. */
async function startAdApi(analyticsDir: string, env: Record<string, string> = {}) {
  const port = await freePort()
  const opsPort = await freePort()
  child = spawn(process.execPath, [server], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      OPS_PORT: String(opsPort),
      LOG_LEVEL: 'warn',
      SHUTDOWN_DELAY_MS: '0',
      DATABASE_URL: testDb.url,
      AD_TOKEN_KEYS: testKeys.current,
      ANALYTICS_LOG_DIR: analyticsDir,
      POD_NAME: POD,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const exited = once(child, 'exit').then(([code, signal]) => ({ code, signal }))
  const base = `http://127.0.0.1:${port}`
  await until('ad-api ready', async () => (await get(`${base}/readyz`))?.status === 200)
  return { base, ops: `http://127.0.0.1:${opsPort}`, exited, process: child }
}

// Node's fetch says 'node', which is on isbot's list: these impressions come from a reader.
const asReader = { 'user-agent': browserUserAgent }

async function get(url: string): Promise<Response | undefined> {
  try {
    const res = await fetch(url)
    await res.arrayBuffer()
    return res
  } catch {
    return undefined // not listening yet
  }
}

async function until(what: string, cond: () => Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await sleep(20)
  }
}

/** A fresh impression URL path for a new request id, as /v1/ads would have made it. */
function impression(requestId: string): string {
  return `/v1/imp/${signToken(keys, { requestId, campaign, creative: 1, slot: 'top', iat: Math.floor(Date.now() / 1000) })}`
}

interface Answers {
  /** requestId → the status the page got. */
  status: Map<string, number>
  /** 503s without `Retry-After: 1` or without the error body. */
  badRefusals: number
}

/** `clients` pages sending new impressions back to back while `go()` says so. */
async function load(base: string, clients: number, go: (answers: Answers) => boolean) {
  const answers: Answers = { status: new Map(), badRefusals: 0 }
  const page = async () => {
    while (go(answers)) {
      const requestId = randomUUID()
      const res = await fetch(base + impression(requestId), { headers: asReader })
      answers.status.set(requestId, res.status)
      if (res.status === 503) {
        const body = (await res.json()) as { error?: string }
        if (res.headers.get('retry-after') !== '1' || body.error !== 'Service Unavailable') {
          answers.badRefusals++
        }
      } else {
        await res.arrayBuffer()
      }
    }
  }
  await Promise.all(Array.from({ length: clients }, page))
  return answers
}

/** The request ids of the impression records in the pod folder, as the shipper reads them. */
async function onDisk(podDir: string): Promise<string[]> {
  const ids: string[] = []
  for (const file of await listAnalyticsFiles(podDir)) {
    if (file.tag !== 'impression') continue
    for (const record of (await readAnalyticsFile(file.path)).records) {
      ids.push(record.requestId as string)
    }
  }
  return ids
}

const answered = (answers: Answers, status: number) =>
  [...answers.status].filter(([, s]) => s === status).map(([id]) => id)

describe.runIf(canMountTmpfs())('ad-api on a full disk, under load', { timeout: 90_000 }, () => {
  it('answers 204 only for records that reach the disk, 503 with Retry-After for the others, and is not ready meanwhile', async (ctx) => {
    tmpfs = mountTmpfs(join(dir, 'mnt'), '4m')
    if (!tmpfs) return ctx.skip() // a container that may not mount
    const api = await startAdApi(tmpfs.path, { ANALYTICS_FLUSH_INTERVAL_MS: '50' })
    const ballast = tmpfs.fill(128 * 1024) // room for ~600 impression records
    const deadline = Date.now() + 30_000
    const full = await load(
      api.base,
      16,
      (a) => a.status.size < 50_000 && Date.now() < deadline && answered(a, 503).length < 500,
    )
    expect(answered(full, 204).length).toBeGreaterThan(0)
    expect(answered(full, 503).length).toBeGreaterThanOrEqual(500)
    expect(full.badRefusals).toBe(0)
    expect([...full.status.values()].every((s) => s === 204 || s === 503)).toBe(true)

    // While the writer refuses, the pod is out of the load balancer.
    const readiness = await fetch(`${api.base}/readyz`)
    expect(readiness.status).toBe(503)
    expect(
      ((await readiness.json()) as { checks: Record<string, string> }).checks.analytics_log,
    ).toMatch(/refusing records/)

    // Space again: what was accepted is written, and new impressions are recorded.
    await rm(ballast)
    await until('ready again', async () => (await get(`${api.base}/readyz`))?.status === 200)
    const after = await load(api.base, 4, (a) => a.status.size < 200)
    expect(answered(after, 204).length).toBe(after.status.size)

    api.process.kill('SIGTERM')
    expect(await api.exited).toEqual({ code: 0, signal: null })
    const ids = await onDisk(join(tmpfs.path, POD))
    const disk = new Set(ids)
    expect(ids.length).toBe(disk.size) // each once
    const acknowledged = [...answered(full, 204), ...answered(after, 204)]
    expect(acknowledged.filter((id) => !disk.has(id))).toEqual([]) // every 204 is on disk
    expect(ids.filter((id) => full.status.get(id) !== 204 && after.status.get(id) !== 204)).toEqual(
      [],
    ) // nothing on disk the page was told failed
  })
})

describe('ad-api killed with kill -9 under load', { timeout: 60_000 }, () => {
  it('loses only impressions the writer had not written yet, at most what it said was waiting', async () => {
    const api = await startAdApi(dir)
    const start = Date.now()
    const answers = await load(api.base, 8, () => Date.now() - start < 1_500)
    // What the writer says it accepted and wrote, the moment before the kill.
    const metrics = await (await fetch(`${api.ops}/metrics`)).text()
    const counter = (name: string) =>
      Number(new RegExp(`^${name}\\{tag="impression"\\} (\\d+)$`, 'm').exec(metrics)?.[1])
    const accepted = counter('analytics_log_records_accepted_total')
    const written = counter('analytics_log_records_written_total')
    api.process.kill('SIGKILL')
    await api.exited

    const acknowledged = answered(answers, 204)
    expect(acknowledged.length).toBe(answers.status.size) // a healthy disk: no 503
    expect(accepted).toBe(acknowledged.length) // a 204 for every accepted record, and only those
    const ids = await onDisk(join(dir, POD))
    const disk = new Set(ids)
    expect(ids.length).toBe(disk.size)
    expect(ids.filter((id) => answers.status.get(id) !== 204)).toEqual([])
    expect(disk.size).toBeGreaterThanOrEqual(written) // nothing written was lost
    // Lost: only what was still waiting in memory, which the writer keeps to two flush intervals.
    expect(acknowledged.length - disk.size).toBeLessThanOrEqual(accepted - written)
  })
})
