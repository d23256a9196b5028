import type { Insertable, Selectable } from 'kysely'

/** Per campaign per day in its advertiser's time zone, written by the aggregate-reports job, read by reports and the cap. */
export interface DailyStatsTable {
  date: string
  campaign_id: number
  impressions: number
  clicks: number
}

export type DailyStat = Selectable<DailyStatsTable>
export type NewDailyStat = Insertable<DailyStatsTable>
