import type { Generated, Insertable, Selectable } from 'kysely'

/** A customer account: every campaign, creative and user belongs to exactly one advertiser. */
export interface AdvertisersTable {
  id: Generated<number>
  name: string
  /** IANA zone (`Asia/Tokyo`) whose days its campaigns' dates, caps and reports follow. */
  time_zone: Generated<string>
  created_at: string
}

export type Advertiser = Selectable<AdvertisersTable>
export type NewAdvertiser = Insertable<AdvertisersTable>
