import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'
import {
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3'
import { LOCK_FILE, S3_PREFIX, parseS3Key, s3ObjectKey } from '@hexad/contracts/analytics'
import { createTestDb } from '@hexad/db/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createCampaigns, dailyStats, lines, type LineFields } from '../../test/fixtures.ts'
import { startS3, type TestS3 } from '@hexad/test-support/s3'
import { aggregateReports } from '../aggregate-reports/aggregate.ts'
import { planRun } from '../aggregate-reports/plan.ts'
import { s3Source } from '../aggregate-reports/s3-source.ts'
import { listKeys } from '../shared/s3.ts'
import { shipOrphans, type ShipOptions } from './ship.ts'

const STALE_MS = 60_000
const impression = (requestId: string, campaign = 1): LineFields => ({
  tag: 'impression',
  requestId,
  campaign,
})
const click = (requestId: string, campaign = 1): LineFields => ({
  tag: 'click',
  requestId,
  campaign,
})

let s3: TestS3
let root: string
beforeAll(async () => {
  s3 = await startS3('hexad-orphans')
})
afterAll(async () => {
  await s3.close()
})
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'hexad-orphans-'))
})
afterEach(async () => {
  for (const key of await listKeys(s3.client, s3.bucket, '')) await s3.remove(key)
  await rm(root, { recursive: true, force: true })
})

/** A pod folder as its writer left it: files, and a lock touched `lockAgeMs` ago (or none). */
async function podFolder(pod: string, files: Record<string, string>, lockAgeMs?: number) {
  const dir = join(root, pod)
  await mkdir(dir, { recursive: true })
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text)
  if (lockAgeMs !== undefined) {
    const lock = join(dir, LOCK_FILE)
    const holder = { pid: 1, host: pod, token: 'writer', startedAt: '2026-11-25T00:00:00.000Z' }
    await writeFile(lock, JSON.stringify(holder))
    const t = (Date.now() - lockAgeMs) / 1000
    await utimes(lock, t, t)
  }
  return dir
}

function options(overrides: Partial<ShipOptions> = {}): ShipOptions {
  return {
    root,
    client: s3.client,
    bucket: s3.bucket,
    prefix: S3_PREFIX,
    host: 'ship-orphans-test',
    staleMs: STALE_MS,
    ...overrides,
  }
}

async function objectText(key: string): Promise<string> {
  const object = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))
  return gunzipSync(await object.Body!.transformToByteArray()).toString('utf8')
}

/** A client whose PutObject fails from the `failAt`-th call on: S3 going away mid-folder. */
function failingFrom(failAt: number): S3Client {
  let puts = 0
  return {
    send(command: unknown) {
      if (command instanceof PutObjectCommand && ++puts >= failAt) {
        return Promise.reject(new Error('S3 is unreachable'))
      }
      return s3.client.send(command as PutObjectCommand)
    },
  } as S3Client
}

describe('ship-orphans', () => {
  it("ships a dead writer's files in fluentd's key layout, verified, then removes the folder", async () => {
    await podFolder(
      'ad-api-7d9f-x2k4p',
      {
        'impression.20261125-09.0.log': lines([impression('r1'), impression('r2')]),
        // A kill -9 cut the last record: only whole lines travel.
        'click.20261125-10.0.log': `${lines([click('r1')])}{"time":"2026-11-25T10:0`,
        'impression.20261125-10.1.log': '',
      },
      5 * 60_000,
    )

    const [folder] = await shipOrphans(options())

    expect(folder).toMatchObject({ pod: 'ad-api-7d9f-x2k4p', outcome: 'shipped', files: 3 })
    expect(existsSync(join(root, 'ad-api-7d9f-x2k4p'))).toBe(false)
    const keys = await listKeys(s3.client, s3.bucket, S3_PREFIX)
    expect(keys.map((key) => parseS3Key(S3_PREFIX, key))).toEqual([
      {
        tag: 'click',
        hourStart: Date.parse('2026-11-25T10:00:00Z'),
        pod: 'ad-api-7d9f-x2k4p',
        chunkId: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
      {
        tag: 'impression',
        hourStart: Date.parse('2026-11-25T09:00:00Z'),
        pod: 'ad-api-7d9f-x2k4p',
        chunkId: expect.stringMatching(/^[0-9a-f]{32}$/),
      },
    ])
    expect(await objectText(keys[0]!)).toBe(lines([click('r1')]))
    expect(await objectText(keys[1]!)).toBe(lines([impression('r1'), impression('r2')]))
  })

  it('leaves folders with a live writer or a running pod untouched', async () => {
    const files = { 'impression.20261125-09.0.log': lines([impression('r1')]) }
    await podFolder('ad-api-alive', files, 1_000)
    await podFolder('ad-api-running', files, 10 * 60_000)

    const outcomes = await shipOrphans(options({ livePods: new Set(['ad-api-running']) }))

    expect(outcomes).toEqual([
      { pod: 'ad-api-alive', outcome: 'writer-alive' },
      { pod: 'ad-api-running', outcome: 'pod-running' },
    ])
    expect(await listKeys(s3.client, s3.bucket, '')).toEqual([])
    for (const pod of ['ad-api-alive', 'ad-api-running']) {
      expect((await readdir(join(root, pod))).sort()).toEqual([
        'impression.20261125-09.0.log',
        LOCK_FILE,
      ])
      expect(JSON.parse(await readFile(join(root, pod, LOCK_FILE), 'utf8')).token).toBe('writer')
    }
  })

  it('keeps a folder whose upload fails, and a re-run ships it to the same keys', async () => {
    const files = {
      'impression.20261125-09.0.log': lines([impression('r1')]),
      'impression.20261125-09.1.log': lines([impression('r2')]),
      'click.20261125-09.0.log': lines([click('r1')]),
    }
    // A folder of a writer that shut down cleanly (no lock), and another one beside it.
    await podFolder('ad-api-a', files)
    await podFolder('ad-api-b', files)

    // S3 goes away after the first object: nothing is deleted, the lock taken over is released.
    const failed = await shipOrphans(options({ client: failingFrom(2) }))
    expect(failed.map((f) => f.outcome)).toEqual(['failed', 'failed'])
    expect(failed[0]).toMatchObject({ error: 'S3 is unreachable' })
    for (const pod of ['ad-api-a', 'ad-api-b']) {
      expect((await readdir(join(root, pod))).sort()).toEqual(Object.keys(files).sort())
    }
    const partial = await listKeys(s3.client, s3.bucket, S3_PREFIX)
    expect(partial).toHaveLength(1)

    const rerun = await shipOrphans(options())
    expect(rerun.map((f) => f.outcome)).toEqual(['shipped', 'shipped'])
    const keys = await listKeys(s3.client, s3.bucket, S3_PREFIX)
    expect(keys).toHaveLength(6) // one per file: the first upload was overwritten, not doubled
    expect(keys).toEqual(expect.arrayContaining(partial))
    expect(await readdir(root)).toEqual([])
  })

  it('keeps the folder when an object is not in S3 at the size sent', async () => {
    await podFolder('ad-api-a', { 'impression.20261125-09.0.log': lines([impression('r1')]) })
    // S3 says the object is shorter than what was sent (a truncated write).
    const truncating = {
      async send(command: unknown) {
        const answer = await s3.client.send(command as PutObjectCommand)
        if (command instanceof HeadObjectCommand) {
          const head = answer as { ContentLength?: number }
          return { ...head, ContentLength: (head.ContentLength ?? 0) - 1 }
        }
        return answer
      },
    } as S3Client
    const [folder] = await shipOrphans(options({ client: truncating }))
    expect(folder).toMatchObject({
      outcome: 'failed',
      error: expect.stringMatching(/bytes, not the/),
    })
    expect(await readdir(join(root, 'ad-api-a'))).toEqual(['impression.20261125-09.0.log'])
  })

  it('overlaps harmlessly with what fluentd shipped of the same files', async () => {
    const test = await createTestDb('sqlite')
    try {
      const [a = 0] = await createCampaigns(test.db, 1)
      const hourStart = Date.parse('2026-11-25T09:00:00Z')
      const early = lines([impression('r1', a), impression('r2', a)])
      const all = early + lines([impression('r3', a)])
      // fluentd shipped the first two records (one chunk), then the pod died.
      await s3.put(
        s3ObjectKey(S3_PREFIX, {
          tag: 'impression',
          hourStart,
          pod: 'ad-api-gone',
          chunkId: '5f3a0c9e1b2d4f6a5f3a0c9e1b2d4f6a',
        }),
        gzipSync(early),
      )
      await podFolder('ad-api-gone', { 'impression.20261125-09.0.log': all }, 2 * STALE_MS)
      expect((await shipOrphans(options()))[0]).toMatchObject({ outcome: 'shipped' })
      expect(await listKeys(s3.client, s3.bucket, S3_PREFIX)).toHaveLength(2)

      const plan = planRun({
        now: Date.parse('2026-11-25T12:00:00Z'),
        settleMs: 0,
        windowHours: 1,
        watermark: undefined,
        from: '2026-11-25',
      })
      const silent = { update() {}, done() {} }
      const result = await aggregateReports(
        test,
        s3Source(s3.client, s3.bucket, S3_PREFIX),
        plan,
        silent,
      )
      expect(result).toMatchObject({ files: 2, impressions: 3, duplicates: 2 })
      expect(await dailyStats(test.db)).toEqual([
        { date: '2026-11-25', campaign_id: a, impressions: 3, clicks: 0 },
      ])
    } finally {
      await test.destroy()
    }
  })
})
