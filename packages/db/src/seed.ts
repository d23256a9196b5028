import type { Kysely } from 'kysely'
import type { Database } from './database.ts'
import { hashPassword } from './passwords.ts'
import { toSqlDate, toSqlDateTime } from './time.ts'

export const demoLogin = { email: 'demo@hexad.example', password: 'hexad-demo-password' }

const DAY_MS = 86_400_000

// Places people in central Tokyo actually stand: the fences the demo and the load test aim at.
const demoCampaigns = [
  { name: 'Shibuya crossing lunch', lat: 35.6595, lng: 139.7005, radius: 800, status: 'active' },
  {
    name: 'Shinjuku station commuters',
    lat: 35.6896,
    lng: 139.7006,
    radius: 1200,
    status: 'active',
  },
  { name: 'Ginza weekend shoppers', lat: 35.6717, lng: 139.765, radius: 600, status: 'active' },
  { name: 'Tokyo-wide brand awareness', lat: null, lng: null, radius: null, status: 'active' },
  {
    name: 'Roppongi nightlife (paused)',
    lat: 35.6628,
    lng: 139.7314,
    radius: 500,
    status: 'paused',
  },
] as const

/**
 * Demo data for development: one advertiser, its user, campaigns with geofences and creatives,
 * and two weeks of stats for the reports page. Does nothing if any advertiser exists.
 */
export async function seedDemoData(db: Kysely<Database>, now = new Date()): Promise<boolean> {
  const existing = await db.selectFrom('advertisers').select('id').limit(1).executeTakeFirst()
  if (existing) return false

  const stamp = toSqlDateTime(now)
  const passwordHash = await hashPassword(demoLogin.password)
  await db.transaction().execute(async (trx) => {
    const advertiser = await trx
      .insertInto('advertisers')
      .values({ name: 'Hexad Demo Coffee', created_at: stamp })
      .executeTakeFirstOrThrow()
    const advertiserId = Number(advertiser.insertId)
    await trx
      .insertInto('users')
      .values({
        advertiser_id: advertiserId,
        email: demoLogin.email,
        password_hash: passwordHash,
        created_at: stamp,
      })
      .execute()

    for (const [index, c] of demoCampaigns.entries()) {
      const campaign = await trx
        .insertInto('campaigns')
        .values({
          advertiser_id: advertiserId,
          name: c.name,
          status: c.status,
          start_date: toSqlDate(new Date(now.getTime() - 30 * DAY_MS)),
          end_date: toSqlDate(new Date(now.getTime() + 90 * DAY_MS)),
          geo_lat: c.lat,
          geo_lng: c.lng,
          geo_radius_m: c.radius,
          landing_url: `https://coffee.example.com/campaign/${index + 1}`,
          daily_impression_cap: index === 3 ? null : 50_000,
          created_at: stamp,
          updated_at: stamp,
        })
        .executeTakeFirstOrThrow()
      const campaignId = Number(campaign.insertId)
      await trx
        .insertInto('creatives')
        .values({
          campaign_id: campaignId,
          title: `${c.name.split(' ')[0]} coffee break`,
          body: 'Fresh single-origin coffee, two minutes from here. Show this ad for 10% off.',
          image_url: null,
          width: 300,
          height: 250,
          created_at: stamp,
          updated_at: stamp,
        })
        .execute()
      for (let day = 14; day >= 1; day--) {
        const impressions = 800 + ((campaignId * 37 + day * 101) % 700)
        await trx
          .insertInto('daily_stats')
          .values({
            date: toSqlDate(new Date(now.getTime() - day * DAY_MS)),
            campaign_id: campaignId,
            impressions,
            clicks: Math.round(impressions * (0.01 + ((day + index) % 5) / 200)),
          })
          .execute()
      }
    }
  })
  return true
}
