import { toSqlDate, toSqlDateTime, type Db, type NewCampaign } from '@hexad/db'

const DAY_MS = 86_400_000

/** Rows the selection tests need, with defaults that make a campaign servable on `now`'s day. */
export async function addAdvertiser(db: Db): Promise<number> {
  const row = await db
    .insertInto('advertisers')
    .values({ name: 'Test Advertiser', created_at: '2026-01-01 00:00:00' })
    .executeTakeFirstOrThrow()
  return Number(row.insertId)
}

export interface CampaignFixture extends Partial<NewCampaign> {
  advertiser_id: number
  /** How many creatives to give it (default 1). */
  creatives?: number
}

export async function addCampaign(db: Db, now: number, fixture: CampaignFixture): Promise<number> {
  const { creatives = 1, ...overrides } = fixture
  const stamp = toSqlDateTime(new Date(now))
  const row = await db
    .insertInto('campaigns')
    .values({
      name: 'Test campaign',
      status: 'active',
      start_date: toSqlDate(new Date(now - 7 * DAY_MS)),
      end_date: toSqlDate(new Date(now + 7 * DAY_MS)),
      geo_lat: null,
      geo_lng: null,
      geo_radius_m: null,
      landing_url: 'https://shop.example.com/landing?from=hexad',
      daily_impression_cap: null,
      created_at: stamp,
      updated_at: stamp,
      ...overrides,
    })
    .executeTakeFirstOrThrow()
  const campaignId = Number(row.insertId)
  for (let i = 0; i < creatives; i++) {
    await db
      .insertInto('creatives')
      .values({
        campaign_id: campaignId,
        title: `Creative ${i + 1}`,
        body: 'Coffee, two minutes away.',
        image_url: null,
        width: 300,
        height: 250,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute()
  }
  return campaignId
}

export const dayMs = DAY_MS

/** Shibuya crossing, and Yoyogi Park about 1.4 km north of it (outside an 800 m fence). */
export const shibuya = { lat: 35.6595, lng: 139.7005 }
export const yoyogiPark = { lat: 35.6717, lng: 139.6949 }
