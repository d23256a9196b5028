import { testEngines } from '@hexad/db/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { badFields, build, login, type Session, type TestContext } from '../../../test/build.ts'

describe.each(testEngines)('reports on %s', (engine) => {
  let t: TestContext
  let session: Session
  afterEach(() => t?.close())

  async function setup() {
    t = await build(engine)
    session = await login(t.app)
  }
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: session.headers })

  async function expectedTotals(from: string, to: string, campaignId?: number) {
    let query = t.testDb.db
      .selectFrom('daily_stats')
      .innerJoin('campaigns', 'campaigns.id', 'daily_stats.campaign_id')
      .select(['daily_stats.impressions', 'daily_stats.clicks'])
      .where('campaigns.advertiser_id', '=', 1)
      .where('date', '>=', from)
      .where('date', '<=', to)
    if (campaignId) query = query.where('campaign_id', '=', campaignId)
    const rows = await query.execute()
    return {
      impressions: rows.reduce((s, r) => s + r.impressions, 0),
      clicks: rows.reduce((s, r) => s + r.clicks, 0),
    }
  }

  it('sums impressions and clicks per day with CTR, filling days without data with zeros', async () => {
    await setup()
    // The seed wrote the 14 days before 2026-11-25.
    const res = await get('/api/reports?from=2026-11-20&to=2026-11-27')
    expect(res.statusCode).toBe(200)
    const report = res.json()
    expect(report.days.map((d: { date: string }) => d.date)).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ])
    expect(report.days.slice(5).every((d: { impressions: number }) => d.impressions === 0)).toBe(
      true,
    )
    const expected = await expectedTotals('2026-11-20', '2026-11-27')
    expect(report.totals).toMatchObject(expected)
    expect(report.totals.ctr).toBeCloseTo(expected.clicks / expected.impressions, 10)
    const day = report.days[0]
    expect(day.ctr).toBeCloseTo(day.clicks / day.impressions, 10)
    expect(report.days[7].ctr).toBe(0)
  })

  it('filters by campaign', async () => {
    await setup()
    const campaignId = (await get('/api/campaigns?limit=1')).json().items[0].id
    const report = (
      await get(`/api/reports?from=2026-11-01&to=2026-11-30&campaignId=${campaignId}`)
    ).json()
    expect(report.campaignId).toBe(campaignId)
    expect(report.totals).toMatchObject(
      await expectedTotals('2026-11-01', '2026-11-30', campaignId),
    )
    expect(report.days).toHaveLength(30)
  })

  it("never counts another tenant's stats", async () => {
    await setup()
    await t.testDb.db
      .insertInto('daily_stats')
      .values({
        date: '2026-11-20',
        campaign_id: t.otherCampaignId,
        impressions: 1_000_000,
        clicks: 1,
      })
      .execute()
    const report = (await get('/api/reports?from=2026-11-20&to=2026-11-20')).json()
    expect(report.totals.impressions).toBe(
      (await expectedTotals('2026-11-20', '2026-11-20')).impressions,
    )
    expect((await get(`/api/reports?campaignId=${t.otherCampaignId}`)).statusCode).toBe(404)
  })

  it('rejects bad and reversed ranges', async () => {
    await setup()
    const bad = await get('/api/reports?from=2026-13-01&to=yesterday&campaignId=0')
    expect(bad.statusCode).toBe(400)
    expect(badFields(bad.json())).toEqual(['campaignId', 'from', 'to'])
    const reversed = await get('/api/reports?from=2026-11-20&to=2026-11-01')
    expect(reversed.json().details).toMatchObject([
      { in: 'querystring', field: 'to', rule: 'endBeforeStart' },
    ])
    const tooLong = await get('/api/reports?from=2020-01-01&to=2026-01-01')
    expect(tooLong.json().details).toMatchObject([
      { in: 'querystring', field: 'from', rule: 'rangeTooLong', params: { maxDays: 366 } },
    ])
  })

  it('says how far the report job has counted', async () => {
    await setup()
    expect((await get('/api/reports')).json().asOf).toBeNull()
    await t.testDb.db
      .insertInto('job_watermarks')
      .values({
        job: 'aggregate-reports',
        position: '2026-11-25 09:50:00',
        updated_at: '2026-11-25 10:00:02',
      })
      .execute()
    expect((await get('/api/reports')).json().asOf).toBe('2026-11-25T09:50:00.000Z')
  })

  it("ends the default range on today in the advertiser's time zone", async () => {
    await setup()
    // 16:00 UTC on 11-30 is 01:00 on 12-01 in Tokyo, the demo advertiser's zone.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-30T16:00:00Z') })
    try {
      expect((await get('/api/reports')).json().to).toBe('2026-12-01')
    } finally {
      vi.useRealTimers()
    }
  })

  it('defaults to the last 30 days', async () => {
    await setup()
    const report = (await get('/api/reports')).json()
    expect(report.days).toHaveLength(30)
    expect(report.days.at(-1).date).toBe(report.to)
  })
})
