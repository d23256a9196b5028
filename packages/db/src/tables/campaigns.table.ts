import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export const campaignStatuses = ['active', 'paused'] as const
export type CampaignStatus = (typeof campaignStatuses)[number]

/** `even`: the daily cap spread over the advertiser's day; `asap`: as fast as traffic allows. */
export const pacingModes = ['even', 'asap'] as const
export type PacingMode = (typeof pacingModes)[number]

export interface CampaignsTable {
  id: Generated<number>
  advertiser_id: number
  name: string
  status: CampaignStatus
  /** `YYYY-MM-DD` in the advertiser's time zone, inclusive on both ends. */
  start_date: string
  end_date: string
  /** A circle the device must be inside; all three null means "anywhere". */
  geo_lat: number | null
  geo_lng: number | null
  geo_radius_m: number | null
  landing_url: string
  /** Impressions per day in the advertiser's time zone; null means uncapped. */
  daily_impression_cap: number | null
  /** Share of the slot against the other campaigns of its priority class (fenced or not). */
  weight: Generated<number>
  pacing: Generated<PacingMode>
  /** Impressions per reader per day, counted by the tag in the publisher's storage; null: none. */
  frequency_cap: number | null
  created_at: string
  updated_at: string
}

export type Campaign = Selectable<CampaignsTable>
export type NewCampaign = Insertable<CampaignsTable>
export type CampaignUpdate = Updateable<CampaignsTable>
