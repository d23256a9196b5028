// Builders for the data the jobs read: analytics-log lines and the campaigns they point at.
import type { AnalyticsLine } from '@hexad/contracts/analytics'
import type { Db } from '@hexad/db'
import { insertAdvertiser, insertCampaign } from '@hexad/db/testing'
import type { COUNTED_TAGS } from '../src/aggregate-reports/sources.ts'

export interface LineFields {
  tag: (typeof COUNTED_TAGS)[number]
  requestId: string
  campaign: number
  /** Default: campaign × 10. */
  creative?: number
  time?: string
}

/** One line as @hexad/analytics-log writes it: the contract's head (time, tag, pod), then fields. */
export function analyticsLine({ tag, requestId, campaign, creative, time }: LineFields): string {
  const line: AnalyticsLine<LineFields['tag']> = {
    time: time ?? '2026-11-25T03:04:05.123Z',
    tag,
    pod: 'ad-api-abc',
    requestId,
    campaign,
    creative: creative ?? campaign * 10,
    slot: 'top',
  }
  return JSON.stringify(line)
}

export function lines(records: LineFields[]): string {
  return records.map((r) => `${analyticsLine(r)}\n`).join('')
}

/** Inserts an advertiser and `count` campaigns without creatives; returns the campaign ids. */
export async function createCampaigns(db: Db, count: number): Promise<number[]> {
  const now = new Date('2026-11-01T00:00:00Z')
  const advertiser_id = await insertAdvertiser(db, { now })
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    ids.push(await insertCampaign(db, { advertiser_id, now, creatives: 0 }))
  }
  return ids
}

export async function dailyStats(db: Db) {
  return db
    .selectFrom('daily_stats')
    .select(['date', 'campaign_id', 'impressions', 'clicks'])
    .orderBy('date')
    .orderBy('campaign_id')
    .execute()
}

export async function hourlyStats(db: Db) {
  return db
    .selectFrom('hourly_stats')
    .select(['date', 'hour_start', 'campaign_id', 'creative_id', 'impressions', 'clicks'])
    .orderBy('date')
    .orderBy('hour_start')
    .orderBy('campaign_id')
    .orderBy('creative_id')
    .execute()
}

/** hourly_stats summed per day and campaign: what daily_stats must hold, row for row. */
export async function hourlySummedPerDay(db: Db) {
  const sums = new Map<
    string,
    { date: string; campaign_id: number; impressions: number; clicks: number }
  >()
  for (const row of await hourlyStats(db)) {
    const key = `${row.date}/${row.campaign_id}`
    const sum = sums.get(key) ?? {
      date: row.date,
      campaign_id: row.campaign_id,
      impressions: 0,
      clicks: 0,
    }
    sum.impressions += row.impressions
    sum.clicks += row.clicks
    sums.set(key, sum)
  }
  return [...sums.values()].sort((x, y) =>
    x.date === y.date ? x.campaign_id - y.campaign_id : x.date < y.date ? -1 : 1,
  )
}
