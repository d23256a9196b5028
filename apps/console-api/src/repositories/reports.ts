import { REPORTS_WATERMARK_JOB, readJobWatermark, type Db } from '@hexad/db'

export interface DayCounts {
  date: string
  impressions: number
  clicks: number
}

/** Impressions and clicks per day for the advertiser's campaigns (or one of them), days with data only. */
export async function dailyCounts(
  db: Db,
  advertiserId: number,
  range: { from: string; to: string; campaignId?: number | undefined },
): Promise<DayCounts[]> {
  let query = db
    .selectFrom('daily_stats')
    .innerJoin('campaigns', 'campaigns.id', 'daily_stats.campaign_id')
    .select((eb) => [
      'daily_stats.date as date',
      eb.fn.sum<number>('daily_stats.impressions').as('impressions'),
      eb.fn.sum<number>('daily_stats.clicks').as('clicks'),
    ])
    .where('campaigns.advertiser_id', '=', advertiserId)
    .where('daily_stats.date', '>=', range.from)
    .where('daily_stats.date', '<=', range.to)
  if (range.campaignId !== undefined)
    query = query.where('daily_stats.campaign_id', '=', range.campaignId)
  const rows = await query.groupBy('daily_stats.date').orderBy('daily_stats.date').execute()
  return rows.map((r) => ({
    date: r.date,
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
  }))
}

/** Each of `campaignIds`' counts on `date` (rows only where there are some). */
export async function countsOn(
  db: Db,
  campaignIds: number[],
  date: string,
): Promise<(DayCounts & { campaignId: number })[]> {
  if (campaignIds.length === 0) return []
  const rows = await db
    .selectFrom('daily_stats')
    .select(['campaign_id', 'date', 'impressions', 'clicks'])
    .where('campaign_id', 'in', campaignIds)
    .where('date', '=', date)
    .execute()
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    date: r.date,
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
  }))
}

/** Where the report job got to (ISO 8601), or null before its first run: reports' "as of". */
export async function reportsAsOf(db: Db): Promise<string | null> {
  const position = await readJobWatermark(db, REPORTS_WATERMARK_JOB)
  return position === undefined ? null : new Date(position).toISOString()
}
