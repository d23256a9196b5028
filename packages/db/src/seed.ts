import { DAY_MS } from '@hexad/contracts/time'
import { zonedDayString } from '@hexad/contracts/zoned-days'
import type { Kysely } from 'kysely'
import type { Database } from './database.ts'
import { type Fence, insertAdvertiser, insertCampaign, insertUser } from './rows.ts'
import type { CampaignStatus } from './tables/campaigns.table.ts'

/** The demo advertiser is in Tokyo, like its fences: its days are JST days. */
export const DEMO_TIME_ZONE = 'Asia/Tokyo'

export const demoLogin = { email: 'demo@hexad.example', password: 'hexad-demo-password' }

// Places people in central Tokyo actually stand: the fences the demo and the load test aim at.
const demoCampaigns: { name: string; fence: Fence | null; status: CampaignStatus }[] = [
  {
    name: 'Shibuya crossing lunch',
    fence: { lat: 35.6595, lng: 139.7005, radiusM: 800 },
    status: 'active',
  },
  {
    name: 'Shinjuku station commuters',
    fence: { lat: 35.6896, lng: 139.7006, radiusM: 1200 },
    status: 'active',
  },
  {
    name: 'Ginza weekend shoppers',
    fence: { lat: 35.6717, lng: 139.765, radiusM: 600 },
    status: 'active',
  },
  { name: 'Tokyo-wide brand awareness', fence: null, status: 'active' },
  {
    name: 'Roppongi nightlife (paused)',
    fence: { lat: 35.6628, lng: 139.7314, radiusM: 500 },
    status: 'paused',
  },
]

/**
 * Demo data for development: one advertiser, its user, campaigns with geofences and creatives,
 * and two weeks of stats for the reports page. Does nothing if any advertiser exists.
 */
export async function seedDemoData(db: Kysely<Database>, now = new Date()): Promise<boolean> {
  const existing = await db.selectFrom('advertisers').select('id').limit(1).executeTakeFirst()
  if (existing) return false

  const daysFromNow = (days: number) =>
    zonedDayString(now.getTime() + days * DAY_MS, DEMO_TIME_ZONE)
  await db.transaction().execute(async (trx) => {
    const advertiserId = await insertAdvertiser(trx, {
      name: 'Hexad Demo Coffee',
      time_zone: DEMO_TIME_ZONE,
      now,
    })
    await insertUser(trx, { advertiser_id: advertiserId, ...demoLogin, now })

    for (const [index, c] of demoCampaigns.entries()) {
      const campaignId = await insertCampaign(trx, {
        advertiser_id: advertiserId,
        now,
        name: c.name,
        status: c.status,
        start_date: daysFromNow(-30),
        end_date: daysFromNow(90),
        fence: c.fence,
        landing_url: `https://coffee.example.com/campaign/${index + 1}`,
        daily_impression_cap: index === 3 ? null : 50_000,
        creatives: [
          {
            title: `${c.name.split(' ')[0]} coffee break`,
            body: 'Fresh single-origin coffee, two minutes from here. Show this ad for 10% off.',
            cta: 'Get 10% off',
          },
        ],
      })
      for (let day = 14; day >= 1; day--) {
        const impressions = 800 + ((campaignId * 37 + day * 101) % 700)
        await trx
          .insertInto('daily_stats')
          .values({
            date: daysFromNow(-day),
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
