import type { Insertable, Selectable } from 'kysely'

/**
 * Per campaign, creative and hour of its advertiser's day, written by aggregate-reports with
 * daily_stats (whose rows are this table's sums per day), read by the reports by creative and
 * by hour.
 */
export interface HourlyStatsTable {
  campaign_id: number
  /** The advertiser's day the hour belongs to, `YYYY-MM-DD`. */
  date: string
  /** The UTC instant the advertiser's local hour began, `YYYY-MM-DD HH:MM:SS`. */
  hour_start: string
  /** Not a foreign key: a deleted creative's counts stay. */
  creative_id: number
  impressions: number
  clicks: number
}

export type HourlyStat = Selectable<HourlyStatsTable>
export type NewHourlyStat = Insertable<HourlyStatsTable>
