import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { S3_PREFIX, s3ObjectKey } from '@hexad/contracts/analytics'
import { createTestDb, testEngines, type TestDb } from '@hexad/db/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type LineFields, createCampaigns, dailyStats, lines } from '../../test/fixtures.ts'
import { startS3, type TestS3 } from '../../test/s3-server.ts'
import { aggregateReports } from './aggregate.ts'
import { folderSource } from './folder-source.ts'
import { planRun } from './plan.ts'
import { s3Source } from './s3-source.ts'
import { readWatermark } from './store.ts'

const silent = { update() {}, done() {} }
const at = (iso: string) => Date.parse(iso)
const impression = (requestId: string, campaign: number): LineFields => ({
  tag: 'impression',
  requestId,
  campaign,
})
const click = (requestId: string, campaign: number): LineFields => ({
  tag: 'click',
  requestId,
  campaign,
})

describe.each(testEngines)('aggregate-reports on %s', (engine) => {
  let test: TestDb
  let dir: string
  let campaigns: number[]
  let a: number
  let b: number

  beforeEach(async () => {
    test = await createTestDb(engine)
    dir = await mkdtemp(join(tmpdir(), 'hexad-analytics-'))
    campaigns = await createCampaigns(test.db, 2)
    ;[a = 0, b = 0] = campaigns
  })
  afterEach(async () => {
    await test.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  async function writeLog(pod: string, name: string, text: string) {
    await mkdir(join(dir, pod), { recursive: true })
    await writeFile(join(dir, pod, name), text)
  }

  /** Runs the schedule's way: from the watermark, as if the clock said `now`. */
  async function runScheduled(now: string) {
    const plan = planRun({
      now: at(now),
      settleMinutes: 15,
      watermark: await readWatermark(test.db),
    })
    return aggregateReports(test, folderSource(dir), plan, silent)
  }

  it('counts a folder of analytics-log files per campaign per day, de-duplicated', async () => {
    await writeLog(
      'ad-api-1',
      'impression.20261125-03.0.log',
      lines([impression('r1', a), impression('r2', a), impression('r1', a), impression('r3', b)]),
    )
    // A second pod, a rotated second file, and the same beacon fired on another pod.
    await writeLog('ad-api-2', 'impression.20261125-03.0.log', lines([impression('r4', b)]))
    await writeLog('ad-api-2', 'impression.20261125-03.1.log', lines([impression('r3', b)]))
    await writeLog('ad-api-1', 'click.20261125-03.0.log', lines([click('r1', a), click('r9', b)]))
    // Not counted: another tag, another day, a lock file.
    await writeLog('ad-api-1', 'ad_request.20261125-03.0.log', lines([impression('x', a)]))
    await writeLog('ad-api-1', 'impression.20261124-03.0.log', lines([impression('y', a)]))
    await writeLog('ad-api-1', '.lock', 'pid')

    const result = await aggregateReports(
      test,
      folderSource(dir),
      planRun({
        now: at('2026-11-25T05:00:00Z'),
        settleMinutes: 0,
        watermark: 0,
        from: '2026-11-25',
      }),
      silent,
    )

    expect(await dailyStats(test.db)).toEqual([
      { date: '2026-11-25', campaign_id: a, impressions: 2, clicks: 1 },
      { date: '2026-11-25', campaign_id: b, impressions: 2, clicks: 1 },
    ])
    expect(result).toMatchObject({ files: 4, impressions: 4, clicks: 2, duplicates: 2 })
  })

  it('reports malformed lines and a line still being written, and keeps counting', async () => {
    await writeLog(
      'ad-api-1',
      'impression.20261125-03.0.log',
      `garbage\n${lines([impression('r1', a)])}{"tag":"impression","requestId":"r2","camp`,
    )
    const result = await runScheduled('2026-11-25T04:30:00Z')
    expect(result).toMatchObject({ impressions: 1, malformed: 1, unterminated: 1 })
    expect((await dailyStats(test.db))[0]).toMatchObject({ impressions: 1 })
  })

  it('sets the same numbers when a range runs twice', async () => {
    await writeLog('p', 'impression.20261124-10.0.log', lines([impression('r1', a)]))
    await writeLog('p', 'click.20261124-11.0.log', lines([click('r1', a)]))
    const plan = planRun({
      now: at('2026-11-26T00:00:00Z'),
      settleMinutes: 15,
      watermark: undefined,
      from: '2026-11-24',
    })
    await aggregateReports(test, folderSource(dir), plan, silent)
    const first = await dailyStats(test.db)
    await aggregateReports(test, folderSource(dir), plan, silent)
    expect(await dailyStats(test.db)).toEqual(first)
    expect(first).toEqual([{ date: '2026-11-24', campaign_id: a, impressions: 1, clicks: 1 }])
  })

  it('resumes from the watermark and counts hours that completed since', async () => {
    await writeLog('p', 'impression.20261125-01.0.log', lines([impression('r1', a)]))
    const first = await runScheduled('2026-11-25T02:30:00Z')
    expect(first.watermark).toBe('2026-11-25T02:00:00Z')
    expect(await readWatermark(test.db)).toBe(at('2026-11-25T02:00:00Z'))

    // Hour 02 arrives, plus a late file for hour 01: the day is recounted from its first hour.
    await writeLog('p', 'impression.20261125-02.0.log', lines([impression('r2', a)]))
    await writeLog('q', 'impression.20261125-01.0.log', lines([impression('r3', a)]))
    const second = await runScheduled('2026-11-25T03:20:00Z')
    expect(second).toMatchObject({ days: ['2026-11-25'], watermark: '2026-11-25T03:00:00Z' })
    expect(await dailyStats(test.db)).toEqual([
      { date: '2026-11-25', campaign_id: a, impressions: 3, clicks: 0 },
    ])

    // Nothing new has settled: nothing is read and the watermark stays.
    const third = await runScheduled('2026-11-25T03:40:00Z')
    expect(third).toMatchObject({ days: [], files: 0, watermark: null })
    expect(await readWatermark(test.db)).toBe(at('2026-11-25T03:00:00Z'))
  })

  it('leaves out campaigns that do not exist, and says how many records that was', async () => {
    await writeLog('p', 'impression.20261125-01.0.log', lines([impression('r1', 999_999)]))
    const result = await runScheduled('2026-11-25T02:30:00Z')
    expect(result).toMatchObject({ unknownCampaignRecords: 1, rowsWritten: 0 })
    expect(await dailyStats(test.db)).toEqual([])
  })
})

describe('aggregate-reports from S3 objects', () => {
  let s3: TestS3
  let test: TestDb
  beforeAll(async () => {
    s3 = await startS3()
  })
  afterAll(async () => {
    await s3.close()
  })
  beforeEach(async () => {
    test = await createTestDb('sqlite')
  })
  afterEach(async () => {
    await test.destroy()
  })

  it("reads fluentd's gzip objects for the planned hours only", async () => {
    const [a = 0] = await createCampaigns(test.db, 1)
    // Keys as the contract lays them out, which fluent.conf's test holds fluentd to.
    const key = (tag: string, hour: string, pod: string, chunkId: string) =>
      s3ObjectKey(S3_PREFIX, { tag, hourStart: at(`2026-11-25T${hour}:00:00Z`), pod, chunkId })
    await s3.put(
      key('impression', '03', 'ad-api-1', '0001'),
      gzipSync(lines([impression('r1', a)])),
    )
    await s3.put(
      key('impression', '03', 'ad-api-2', '0001'),
      gzipSync(lines([impression('r1', a), impression('r2', a)])),
    )
    await s3.put(key('click', '04', 'ad-api-1', '0002'), gzipSync(lines([click('r2', a)])))
    await s3.put(key('ad_request', '03', 'ad-api-1', '0003'), gzipSync('not even read\n'))
    await s3.put(
      key('impression', '05', 'ad-api-1', '0004'),
      gzipSync(lines([impression('r5', a)])),
    )
    await s3.put(key('impression', '04', 'ad-api-1', '0005'), Buffer.from('not gzip at all'))

    const plan = planRun({
      now: at('2026-11-25T05:20:00Z'),
      settleMinutes: 15,
      watermark: undefined,
    })
    const result = await aggregateReports(
      test,
      s3Source(s3.client, s3.bucket, S3_PREFIX),
      plan,
      silent,
    )

    expect(result).toMatchObject({
      files: 4,
      impressions: 2,
      clicks: 1,
      duplicates: 1,
      unreadableFiles: [`s3://${s3.bucket}/${key('impression', '04', 'ad-api-1', '0005')}`],
    })
    expect(await dailyStats(test.db)).toEqual([
      { date: '2026-11-25', campaign_id: a, impressions: 2, clicks: 1 },
    ])
  })
})
