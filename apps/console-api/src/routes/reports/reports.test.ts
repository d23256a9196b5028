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

  it('says how far the report job has counted, in every report', async () => {
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
    for (const url of ['/api/reports', '/api/reports/creatives', '/api/reports/hours']) {
      expect((await get(url)).json().asOf).toBe('2026-11-25T09:50:00.000Z')
    }
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

  // By creative and by hour, from hourly_stats: the seed wrote its Tokyo days there hour by
  // hour, and their sums in daily_stats.
  const totalsOf = (report: { totals: { impressions: number; clicks: number } }) => ({
    impressions: report.totals.impressions,
    clicks: report.totals.clicks,
  })
  const range = 'from=2026-11-20&to=2026-11-27'

  it('adds up, by creative and by hour, to the daily report of the same range', async () => {
    await setup()
    const daily = (await get(`/api/reports?${range}`)).json()
    expect(daily.totals.impressions).toBeGreaterThan(0)
    const creatives = (await get(`/api/reports/creatives?${range}`)).json()
    const hours = (await get(`/api/reports/hours?${range}`)).json()
    expect(totalsOf(creatives)).toEqual(totalsOf(daily))
    expect(totalsOf(hours)).toEqual(totalsOf(daily))

    // One creative per demo campaign, named, the busiest first, each with its CTR.
    expect(creatives.creatives).toHaveLength(5)
    const [top, next] = creatives.creatives
    expect(top).toMatchObject({ campaignName: expect.any(String), title: expect.any(String) })
    expect(top.impressions).toBeGreaterThanOrEqual(next.impressions)
    expect(top.ctr).toBeCloseTo(top.clicks / top.impressions, 10)

    // Tokyo's hours, every one of the 8 days, zeros where nothing was counted.
    expect(hours.timeZone).toBe('Asia/Tokyo')
    expect(hours.hours).toHaveLength(8 * 24)
    expect(hours.hours[0].hour).toBe('2026-11-20T00:00+09:00')
    expect(hours.hours.at(-1).hour).toBe('2026-11-27T23:00+09:00')
    const lunch = hours.hours.find((h: { hour: string }) => h.hour === '2026-11-20T12:00+09:00')
    const night = hours.hours.find((h: { hour: string }) => h.hour === '2026-11-20T03:00+09:00')
    expect(lunch.impressions).toBeGreaterThan(night.impressions)
    expect(hours.hours.slice(-48).every((h: { impressions: number }) => h.impressions === 0)).toBe(
      true,
    )
    expect(hours.asOf).toBeNull()
  })

  it('filters by campaign, and never shows another tenant', async () => {
    await setup()
    const campaignId = (await get('/api/campaigns?limit=1')).json().items[0].id
    await t.testDb.db
      .insertInto('hourly_stats')
      .values({
        campaign_id: t.otherCampaignId,
        creative_id: 1,
        date: '2026-11-20',
        hour_start: '2026-11-20 03:00:00',
        impressions: 1_000_000,
        clicks: 1,
      })
      .execute()
    const all = (await get(`/api/reports/creatives?${range}`)).json()
    expect(all.creatives.map((c: { campaignName: string }) => c.campaignName)).not.toContain(
      'Tenant B secret campaign',
    )
    const daily = (await get(`/api/reports?${range}&campaignId=${campaignId}`)).json()
    for (const by of ['creatives', 'hours']) {
      const one = (await get(`/api/reports/${by}?${range}&campaignId=${campaignId}`)).json()
      expect(one.campaignId).toBe(campaignId)
      expect(totalsOf(one)).toEqual(totalsOf(daily))
      const other = await get(`/api/reports/${by}?campaignId=${t.otherCampaignId}`)
      expect(other.statusCode).toBe(404)
    }
  })

  it("keeps a deleted creative's counts, untitled", async () => {
    await setup()
    const campaign = (await get('/api/campaigns?limit=1')).json().items[0]
    await t.testDb.db
      .insertInto('hourly_stats')
      .values({
        campaign_id: campaign.id,
        creative_id: 999_999,
        date: '2026-11-20',
        hour_start: '2026-11-20 03:00:00',
        impressions: 7,
        clicks: 1,
      })
      .execute()
    const report = (await get(`/api/reports/creatives?${range}&campaignId=${campaign.id}`)).json()
    expect(report.creatives.at(-1)).toMatchObject({
      creativeId: 999_999,
      campaignName: campaign.name,
      title: null,
      impressions: 7,
    })
  })

  it('gives a 25-hour day two 01:00 hours and a 23-hour day none at 02:00', async () => {
    await setup()
    await t.testDb.db.updateTable('advertisers').set({ time_zone: 'America/New_York' }).execute()
    const autumn = (await get('/api/reports/hours?from=2026-11-01&to=2026-11-01')).json()
    expect(autumn.hours).toHaveLength(25)
    expect(autumn.hours.slice(1, 3).map((h: { hour: string }) => h.hour)).toEqual([
      '2026-11-01T01:00-04:00',
      '2026-11-01T01:00-05:00',
    ])
    const spring = (await get('/api/reports/hours?from=2026-03-08&to=2026-03-08')).json()
    expect(spring.hours.map((h: { hour: string }) => h.hour.slice(11, 16))).not.toContain('02:00')
    expect(spring.hours).toHaveLength(23)
  })

  it('refuses bad ranges, and more than 31 days by hour', async () => {
    await setup()
    for (const by of ['creatives', 'hours']) {
      const bad = await get(`/api/reports/${by}?from=2026-13-01&to=yesterday&campaignId=0`)
      expect(bad.statusCode).toBe(400)
      expect(badFields(bad.json())).toEqual(['campaignId', 'from', 'to'])
      const reversed = await get(`/api/reports/${by}?from=2026-11-20&to=2026-11-01`)
      expect(badFields(reversed.json())).toEqual(['to'])
    }
    const lastDay = (await get('/api/reports/hours?from=9999-12-31&to=9999-12-31')).json()
    expect(lastDay.hours).toHaveLength(24)
    expect(lastDay.hours.at(-1).hour).toBe('9999-12-31T23:00+09:00')
    const month = await get('/api/reports/hours?from=2026-11-01&to=2026-12-01')
    expect(month.statusCode).toBe(200)
    const tooLong = await get('/api/reports/hours?from=2026-11-01&to=2026-12-02')
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.json().details).toMatchObject([
      { in: 'querystring', field: 'from', rule: 'rangeTooLong', params: { maxDays: 31 } },
    ])
    // Without dates: the last 7 days by hour, the last 30 by creative, to today in Tokyo.
    expect((await get('/api/reports/hours')).json().hours.length).toBe(7 * 24)
    expect((await get('/api/reports/creatives')).json().to).toBe(
      (await get('/api/reports')).json().to,
    )
  })
})
