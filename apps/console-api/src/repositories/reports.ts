import type { Db } from '@hexad/db'

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
