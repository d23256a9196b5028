import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { S3_PREFIX, s3ObjectKey } from '@hexad/contracts/analytics'
import {
  createTestDb,
  insertAdvertiser,
  insertCampaign,
  testEngines,
  type TestDb,
} from '@hexad/db/testing'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type LineFields,
  createCampaigns,
  dailyStats,
  hourlyStats,
  hourlySummedPerDay,
  lines,
} from '../../test/fixtures.ts'
import { startS3, type TestS3 } from '@hexad/test-support/s3'
import { aggregateReports } from './aggregate.ts'
import { folderSource } from './folder-source.ts'
import { planRun } from './plan.ts'
import { s3Source } from './s3-source.ts'
import { readWatermark } from './store.ts'

const silent = { update() {}, done() {} }
const at = (iso: string) => Date.parse(iso)
const MINUTE = 60_000
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
    // Whatever a test did: the reports by creative and by hour add up to the daily report.
    expect(await hourlySummedPerDay(test.db)).toEqual(await dailyStats(test.db))
    await test.destroy()
    await rm(dir, { recursive: true, force: true })
  })

  async function writeLog(pod: string, name: string, text: string) {
    await mkdir(join(dir, pod), { recursive: true })
    await writeFile(join(dir, pod, name), text)
  }

  /** Recomputes the days `from` to `to` as `--from`/`--to` would, on 2026-11-27. */
  const planOf = (from: string, to = from) =>
    planRun({
      now: at('2026-11-27T12:00:00Z'),
      settleMs: 15 * MINUTE,
      windowHours: 1,
      watermark: undefined,
      from,
      to,
    })

  /** Runs the schedule's way: from the watermark, as if the clock said `now`. */
  async function runScheduled(now: string) {
    const plan = planRun({
      now: at(now),
      settleMs: 15 * MINUTE,
      windowHours: 1,
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
        settleMs: 0,
        windowHours: 1,
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

  it("counts a Tokyo campaign's records in JST days, and a replay across JST midnight once", async () => {
    const tokyo = await insertAdvertiser(test.db, { time_zone: 'Asia/Tokyo' })
    const t = await insertCampaign(test.db, { advertiser_id: tokyo, creatives: 0 })
    const at = (requestId: string, campaign: number, time: string): LineFields => ({
      ...impression(requestId, campaign),
      time,
    })
    // 14:xx UTC is 23:xx JST on 11-25; 15:xx UTC is already 11-26 in Tokyo.
    await writeLog(
      'ad-api-1',
      'impression.20261125-14.0.log',
      lines([at('t1', t, '2026-11-25T14:30:00.000Z'), at('a1', a, '2026-11-25T14:30:00.000Z')]),
    )
    await writeLog(
      'ad-api-1',
      'impression.20261125-15.0.log',
      lines([
        at('t1', t, '2026-11-25T15:10:00.000Z'), // the same beacon again, after JST midnight
        at('t2', t, '2026-11-25T15:30:00.000Z'),
        at('a2', a, '2026-11-25T15:30:00.000Z'),
      ]),
    )
    await aggregateReports(
      test,
      folderSource(dir),
      planRun({
        now: Date.parse('2026-11-27T12:00:00Z'),
        settleMs: 0,
        windowHours: 1,
        watermark: undefined,
        timeZones: ['Asia/Tokyo', 'UTC'],
        from: '2026-11-25',
        to: '2026-11-26',
      }),
      silent,
    )
    expect(await dailyStats(test.db)).toEqual([
      { date: '2026-11-25', campaign_id: a, impressions: 2, clicks: 0 },
      { date: '2026-11-25', campaign_id: t, impressions: 1, clicks: 0 },
      { date: '2026-11-26', campaign_id: t, impressions: 1, clicks: 0 },
    ])
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
      settleMs: 15 * MINUTE,
      windowHours: 1,
      watermark: undefined,
      from: '2026-11-24',
    })
    await aggregateReports(test, folderSource(dir), plan, silent)
    const first = await dailyStats(test.db)
    const firstHours = await hourlyStats(test.db)
    await aggregateReports(test, folderSource(dir), plan, silent)
    expect(await dailyStats(test.db)).toEqual(first)
    expect(await hourlyStats(test.db)).toEqual(firstHours)
    expect(first).toEqual([{ date: '2026-11-24', campaign_id: a, impressions: 1, clicks: 1 }])
  })

  it('resumes from the watermark, counting the hour in progress and late files', async () => {
    await writeLog('p', 'impression.20261125-01.0.log', lines([impression('r1', a)]))
    const first = await runScheduled('2026-11-25T02:30:00Z')
    expect(first.watermark).toBe('2026-11-25T02:15:00.000Z')
    expect(await readWatermark(test.db)).toBe(at('2026-11-25T02:15:00Z'))

    // Hour 03 is in progress, plus a late file for hour 01: the day is recounted from its first
    // hour, and what has arrived of the current hour counts.
    await writeLog('p', 'impression.20261125-03.0.log', lines([impression('r2', a)]))
    await writeLog('q', 'impression.20261125-01.0.log', lines([impression('r3', a)]))
    const second = await runScheduled('2026-11-25T03:20:00Z')
    expect(second).toMatchObject({ days: ['2026-11-25'], watermark: '2026-11-25T03:05:00.000Z' })
    expect(await dailyStats(test.db)).toEqual([
      { date: '2026-11-25', campaign_id: a, impressions: 3, clicks: 0 },
    ])

    // The rest of hour 03 arrives: set again, not added to.
    await writeLog('p', 'impression.20261125-03.1.log', lines([impression('r4', a)]))
    await runScheduled('2026-11-25T03:50:00Z')
    expect(await dailyStats(test.db)).toEqual([
      { date: '2026-11-25', campaign_id: a, impressions: 4, clicks: 0 },
    ])
    expect(await readWatermark(test.db)).toBe(at('2026-11-25T03:35:00Z'))
  })

  it('counts a beacon replayed on two replicas once, and across midnight in the first day', async () => {
    // The same impression reached two ad-api replicas in one hour.
    await writeLog('ad-api-1', 'impression.20261125-10.0.log', lines([impression('r1', a)]))
    await writeLog('ad-api-2', 'impression.20261125-10.0.log', lines([impression('r1', a)]))
    // An impression and a click at 23:59 on one replica, replayed at 00:01 on another.
    await writeLog('ad-api-1', 'impression.20261125-23.0.log', lines([impression('late', a)]))
    await writeLog('ad-api-1', 'click.20261125-23.0.log', lines([click('late', a)]))
    await writeLog(
      'ad-api-2',
      'impression.20261126-00.0.log',
      lines([impression('late', a), impression('new', a)]),
    )
    await writeLog('ad-api-2', 'click.20261126-00.0.log', lines([click('late', a)]))

    // The second day alone (the schedule's way once the first is final), then both together.
    const second = await aggregateReports(test, folderSource(dir), planOf('2026-11-26'), silent)
    expect(second).toMatchObject({ impressions: 1, clicks: 0, duplicates: 2 })
    const both = await aggregateReports(
      test,
      folderSource(dir),
      planOf('2026-11-25', '2026-11-26'),
      silent,
    )
    expect(both).toMatchObject({ impressions: 3, clicks: 1, duplicates: 3 })
    expect(await dailyStats(test.db)).toEqual([
      { date: '2026-11-25', campaign_id: a, impressions: 2, clicks: 1 },
      { date: '2026-11-26', campaign_id: a, impressions: 1, clicks: 0 },
    ])
  })

  it("counts per creative and per hour of the advertiser's day, Tokyo's and Kolkata's", async () => {
    const tokyo = await insertAdvertiser(test.db, { time_zone: 'Asia/Tokyo' })
    const t = await insertCampaign(test.db, { advertiser_id: tokyo, creatives: 0 })
    const kolkata = await insertAdvertiser(test.db, { time_zone: 'Asia/Kolkata' })
    const k = await insertCampaign(test.db, { advertiser_id: kolkata, creatives: 0 })
    const record = (
      tag: LineFields['tag'],
      requestId: string,
      campaign: number,
      creative: number,
      time: string,
    ) => ({ tag, requestId, campaign, creative, time }) satisfies LineFields
    await writeLog(
      'ad-api-1',
      'impression.20261125-14.0.log',
      lines([
        record('impression', 't1', t, 1, '2026-11-25T14:10:00.000Z'), // 23:10 JST
        record('impression', 't2', t, 2, '2026-11-25T14:20:00.000Z'),
        record('impression', 'k1', k, 5, '2026-11-25T14:10:00.000Z'), // 19:40 IST
        record('impression', 'k2', k, 5, '2026-11-25T14:40:00.000Z'), // 20:10 IST
      ]),
    )
    await writeLog(
      'ad-api-2',
      'impression.20261125-15.0.log',
      lines([
        record('impression', 't2', t, 2, '2026-11-25T15:05:00.000Z'), // a replay: counted at 23:00
        record('impression', 't3', t, 1, '2026-11-25T15:30:00.000Z'), // 00:30 JST on 11-26
      ]),
    )
    await writeLog(
      'ad-api-2',
      'click.20261125-15.0.log',
      lines([record('click', 't1', t, 1, '2026-11-25T15:01:00.000Z')]),
    )
    await aggregateReports(
      test,
      folderSource(dir),
      planRun({
        now: at('2026-11-27T12:00:00Z'),
        settleMs: 0,
        windowHours: 1,
        watermark: undefined,
        timeZones: ['Asia/Kolkata', 'Asia/Tokyo', 'UTC'],
        from: '2026-11-25',
        to: '2026-11-26',
      }),
      silent,
    )
    const row = (
      campaign: number,
      creative: number,
      date: string,
      hour: string,
      impressions: number,
      clicks = 0,
    ) => ({
      date,
      hour_start: hour,
      campaign_id: campaign,
      creative_id: creative,
      impressions,
      clicks,
    })
    expect(await hourlyStats(test.db)).toEqual([
      // Kolkata's hours start on the half hour: 19:00 IST is 13:30 UTC.
      row(k, 5, '2026-11-25', '2026-11-25 13:30:00', 1),
      row(t, 1, '2026-11-25', '2026-11-25 14:00:00', 1),
      row(t, 2, '2026-11-25', '2026-11-25 14:00:00', 1),
      row(k, 5, '2026-11-25', '2026-11-25 14:30:00', 1),
      row(t, 1, '2026-11-26', '2026-11-25 15:00:00', 1, 1),
    ])
  })

  it('gives a 25-hour day two 01:00 hours, told apart by the instant they start', async () => {
    const newYork = await insertAdvertiser(test.db, { time_zone: 'America/New_York' })
    const n = await insertCampaign(test.db, { advertiser_id: newYork, creatives: 0 })
    // 2026-11-01: 01:00 EDT is 05:00 UTC, then 01:00 EST is 06:00 UTC.
    await writeLog('p', 'impression.20261101-05.0.log', lines([impression('first', n)]))
    await writeLog('p', 'impression.20261101-06.0.log', lines([impression('second', n)]))
    await aggregateReports(
      test,
      folderSource(dir),
      planRun({
        now: at('2026-11-03T12:00:00Z'),
        settleMs: 0,
        windowHours: 1,
        watermark: undefined,
        timeZones: ['America/New_York', 'UTC'],
        from: '2026-11-01',
      }),
      silent,
    )
    expect((await hourlyStats(test.db)).map((r) => [r.date, r.hour_start, r.impressions])).toEqual([
      ['2026-11-01', '2026-11-01 05:00:00', 1],
      ['2026-11-01', '2026-11-01 06:00:00', 1],
    ])
  })

  it("moves a replay to the hour of its first copy when that copy's file arrives late", async () => {
    await writeLog('p', 'impression.20261125-03.0.log', lines([impression('r1', a)]))
    await runScheduled('2026-11-25T04:30:00Z')
    expect((await hourlyStats(test.db)).map((r) => r.hour_start)).toEqual(['2026-11-25 03:00:00'])
    // The same beacon, written an hour earlier on a pod whose file reached the input late.
    await writeLog('q', 'impression.20261125-02.0.log', lines([impression('r1', a)]))
    await runScheduled('2026-11-25T04:50:00Z')
    expect(await hourlyStats(test.db)).toEqual([
      {
        date: '2026-11-25',
        hour_start: '2026-11-25 02:00:00',
        campaign_id: a,
        creative_id: a * 10,
        impressions: 1,
        clicks: 0,
      },
    ])
    expect(await dailyStats(test.db)).toEqual([
      { date: '2026-11-25', campaign_id: a, impressions: 1, clicks: 0 },
    ])
  })

  it('keeps the rows of a day recounted after its files are gone', async () => {
    await writeLog('p', 'impression.20261124-10.0.log', lines([impression('r1', a)]))
    await aggregateReports(test, folderSource(dir), planOf('2026-11-24'), silent)
    const stored = { daily: await dailyStats(test.db), hourly: await hourlyStats(test.db) }
    await rm(join(dir, 'p'), { recursive: true })
    await aggregateReports(test, folderSource(dir), planOf('2026-11-24'), silent)
    expect({ daily: await dailyStats(test.db), hourly: await hourlyStats(test.db) }).toEqual(stored)
    expect(stored.hourly).toHaveLength(1)
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
    // An hour that has not begun (a writer's clock ahead): not read yet.
    await s3.put(
      key('impression', '06', 'ad-api-1', '0004'),
      gzipSync(lines([impression('r5', a)])),
    )
    await s3.put(key('impression', '04', 'ad-api-1', '0005'), Buffer.from('not gzip at all'))

    const plan = planRun({
      now: at('2026-11-25T05:20:00Z'),
      settleMs: 15 * MINUTE,
      windowHours: 1,
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
