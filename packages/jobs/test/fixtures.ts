// Builders for the data the jobs read: analytics-log lines and the campaigns they point at.
import type { AnalyticsLine } from '@hexad/contracts/analytics'
import type { Db } from '@hexad/db'
import { insertAdvertiser, insertCampaign } from '@hexad/db/testing'
import type { COUNTED_TAGS } from '../src/aggregate-reports/sources.ts'

export interface LineFields {
  tag: (typeof COUNTED_TAGS)[number]
  requestId: string
  campaign: number
  time?: string
}

/** One line as @hexad/analytics-log writes it: the contract's head (time, tag, pod), then fields. */
export function analyticsLine({ tag, requestId, campaign, time }: LineFields): string {
  const line: AnalyticsLine<LineFields['tag']> = {
    time: time ?? '2026-11-25T03:04:05.123Z',
    tag,
    pod: 'ad-api-abc',
    requestId,
    campaign,
    creative: campaign * 10,
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
