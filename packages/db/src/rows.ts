// The one way rows are made outside the services' own repositories: the demo seed, every test and
// every bench. Each builder fills what the caller does not care about with values that make a
// valid, servable row, and returns the new id. Nothing here is test-only (the seed imports it);
// `@hexad/db/testing` re-exports it beside the test databases.
import type { Kysely } from 'kysely'
import { DAY_MS } from '@hexad/contracts/time'
import type { Database } from './database.ts'
import { hashPassword } from './passwords.ts'
import type { NewAdvertiser } from './tables/advertisers.table.ts'
import type { NewCampaign } from './tables/campaigns.table.ts'
import type { NewCreative } from './tables/creatives.table.ts'
import { toSqlDate, toSqlDateTime } from './time.ts'

/** When a row is made: its created_at (and updated_at). Default: now. */
interface MadeAt {
  now?: Date | number
}

/** A circle a campaign is shown in; a campaign without one is shown anywhere. */
export interface Fence {
  lat: number
  lng: number
  radiusM: number
}

export type AdvertiserRow = Partial<NewAdvertiser> & MadeAt

export async function insertAdvertiser(
  db: Kysely<Database>,
  row: AdvertiserRow = {},
): Promise<number> {
  const { now, ...values } = row
  const result = await db
    .insertInto('advertisers')
    .values({ name: 'Test Advertiser', created_at: stamp(now), ...values })
    .executeTakeFirstOrThrow()
  return Number(result.insertId)
}

export interface UserRow extends MadeAt {
  advertiser_id: number
  email: string
  /** Stored as its scrypt hash, as a signed-up user's is. */
  password: string
}

export async function insertUser(db: Kysely<Database>, row: UserRow): Promise<number> {
  const result = await db
    .insertInto('users')
    .values({
      advertiser_id: row.advertiser_id,
      email: row.email,
      password_hash: await hashPassword(row.password),
      created_at: stamp(row.now),
    })
    .executeTakeFirstOrThrow()
  return Number(result.insertId)
}

export type CreativeRow = Partial<Omit<NewCreative, 'campaign_id'>> & MadeAt

export async function insertCreative(
  db: Kysely<Database>,
  row: CreativeRow & { campaign_id: number },
): Promise<number> {
  const { now, ...values } = row
  const result = await db
    .insertInto('creatives')
    .values({
      title: 'Creative 1',
      body: 'Coffee, two minutes away.',
      image_url: null,
      width: 300,
      height: 250,
      cta: null,
      created_at: stamp(now),
      updated_at: stamp(now),
      ...values,
    })
    .executeTakeFirstOrThrow()
  return Number(result.insertId)
}

export interface CampaignRow
  extends Partial<Omit<NewCampaign, 'geo_lat' | 'geo_lng' | 'geo_radius_m'>>, MadeAt {
  advertiser_id: number
  /** Where it is shown; default anywhere. */
  fence?: Fence | null
  /** How many creatives of the defaults, or each one's overrides. Default one. */
  creatives?: number | CreativeRow[]
}

/**
 * An active, uncapped campaign running from a week before `now` to a week after, with its
 * creatives (`Creative 1`, `Creative 2` … unless given).
 */
export async function insertCampaign(db: Kysely<Database>, row: CampaignRow): Promise<number> {
  const { now, fence, creatives = 1, ...values } = row
  const at = new Date(now ?? Date.now())
  const result = await db
    .insertInto('campaigns')
    .values({
      name: 'Test campaign',
      status: 'active',
      start_date: toSqlDate(new Date(at.getTime() - 7 * DAY_MS)),
      end_date: toSqlDate(new Date(at.getTime() + 7 * DAY_MS)),
      geo_lat: fence?.lat ?? null,
      geo_lng: fence?.lng ?? null,
      geo_radius_m: fence?.radiusM ?? null,
      landing_url: 'https://shop.example.com/landing?from=hexad',
      daily_impression_cap: null,
      frequency_cap: null,
      created_at: toSqlDateTime(at),
      updated_at: toSqlDateTime(at),
      ...values,
    })
    .executeTakeFirstOrThrow()
  const campaignId = Number(result.insertId)
  const list =
    typeof creatives === 'number' ? Array.from({ length: creatives }, () => ({})) : creatives
  for (const [i, creative] of list.entries()) {
    await insertCreative(db, {
      title: `Creative ${i + 1}`,
      now: at,
      ...creative,
      campaign_id: campaignId,
    })
  }
  return campaignId
}

function stamp(now: Date | number = Date.now()): string {
  return toSqlDateTime(new Date(now))
}
