import { REPORTS_WATERMARK_JOB, fromSqlDateTime, readJobWatermark, type Db } from '@hexad/db'

export interface ReportRange {
  from: string
  to: string
  campaignId?: number | undefined
}

export interface DayCounts {
  date: string
  impressions: number
  clicks: number
}

/** Impressions and clicks per day for the advertiser's campaigns (or one of them), days with data only. */
export async function dailyCounts(
  db: Db,
  advertiserId: number,
  range: ReportRange,
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

/** hourly_stats of the advertiser's campaigns (or one of them) in the range's days. */
function hourlyOf(db: Db, advertiserId: number, range: ReportRange) {
  let query = db
    .selectFrom('hourly_stats')
    .innerJoin('campaigns', 'campaigns.id', 'hourly_stats.campaign_id')
    .where('campaigns.advertiser_id', '=', advertiserId)
    .where('hourly_stats.date', '>=', range.from)
    .where('hourly_stats.date', '<=', range.to)
  if (range.campaignId !== undefined)
    query = query.where('hourly_stats.campaign_id', '=', range.campaignId)
  return query
}

export interface CreativeCounts {
  creativeId: number
  campaignId: number
  campaignName: string
  /** Null once the creative is deleted: its counts stay. */
  title: string | null
  impressions: number
  clicks: number
}

/** Impressions and clicks per creative over the range, busiest first (creatives with data only). */
export async function creativeCounts(
  db: Db,
  advertiserId: number,
  range: ReportRange,
): Promise<CreativeCounts[]> {
  const rows = await hourlyOf(db, advertiserId, range)
    // Joined on the campaign too: a creative's title shows only under its own campaign.
    .leftJoin('creatives', (join) =>
      join
        .onRef('creatives.id', '=', 'hourly_stats.creative_id')
        .onRef('creatives.campaign_id', '=', 'hourly_stats.campaign_id'),
    )
    .select((eb) => [
      'hourly_stats.creative_id as creativeId',
      'hourly_stats.campaign_id as campaignId',
      'campaigns.name as campaignName',
      'creatives.title as title',
      eb.fn.sum<number>('hourly_stats.impressions').as('impressions'),
      eb.fn.sum<number>('hourly_stats.clicks').as('clicks'),
    ])
    .groupBy([
      'hourly_stats.creative_id',
      'hourly_stats.campaign_id',
      'campaigns.name',
      'creatives.title',
    ])
    .orderBy('impressions', 'desc')
    .orderBy('hourly_stats.creative_id')
    .execute()
  return rows.map((r) => ({
    ...r,
    title: r.title ?? null,
    impressions: Number(r.impressions),
    clicks: Number(r.clicks),
  }))
}

/** Impressions and clicks per local hour start (epoch ms) over the range (hours with data only). */
export async function hourlyCounts(
  db: Db,
  advertiserId: number,
  range: ReportRange,
): Promise<Map<number, { impressions: number; clicks: number }>> {
  const rows = await hourlyOf(db, advertiserId, range)
    .select((eb) => [
      'hourly_stats.hour_start as hourStart',
      eb.fn.sum<number>('hourly_stats.impressions').as('impressions'),
      eb.fn.sum<number>('hourly_stats.clicks').as('clicks'),
    ])
    .groupBy('hourly_stats.hour_start')
    .execute()
  return new Map(
    rows.map((r) => [
      fromSqlDateTime(r.hourStart),
      { impressions: Number(r.impressions), clicks: Number(r.clicks) },
    ]),
  )
}
