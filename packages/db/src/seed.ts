import { DAY_MS, HOUR_MS, addDays } from '@hexad/contracts/time'
import { zonedDayStart, zonedDayString } from '@hexad/contracts/zoned-days'
import type { Kysely } from 'kysely'
import type { Database } from './database.ts'
import { type Fence, insertAdvertiser, insertCampaign, insertUser } from './rows.ts'
import type { CampaignStatus } from './tables/campaigns.table.ts'
import type { NewDailyStat } from './tables/daily-stats.table.ts'
import type { NewHourlyStat } from './tables/hourly-stats.table.ts'
import { toSqlDateTime } from './time.ts'

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
      const creative = await trx
        .selectFrom('creatives')
        .select('id')
        .where('campaign_id', '=', campaignId)
        .executeTakeFirstOrThrow()
      const daily: NewDailyStat[] = []
      const hourly: NewHourlyStat[] = []
      for (let day = 14; day >= 1; day--) {
        const impressions = 800 + ((campaignId * 37 + day * 101) % 700)
        const clicks = Math.round(impressions * (0.01 + ((day + index) % 5) / 200))
        const date = daysFromNow(-day)
        daily.push({ date, campaign_id: campaignId, impressions, clicks })
        hourly.push(...hoursOf({ date, campaignId, creativeId: creative.id, impressions, clicks }))
      }
      // One statement per table (14 × 24 rows of 6 values: within both engines' bounds).
      await trx.insertInto('hourly_stats').values(hourly).execute()
      await trx.insertInto('daily_stats').values(daily).execute()
    }
  })
  return true
}

// How a demo day's traffic falls over its hours: quiet at night, peaks at lunch and the commute.
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 7, 9, 7, 6, 8, 12, 10, 7, 6, 7, 9, 10, 8, 6, 4, 3, 2]

/** `total` cut into whole parts in proportion to `weights`, summing exactly to `total`. */
function spread(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0)
  let given = 0
  let weightSoFar = 0
  return weights.map((weight) => {
    weightSoFar += weight
    const upTo = Math.round((total * weightSoFar) / sum)
    const part = upTo - given
    given = upTo
    return part
  })
}

/** One demo day of one creative, as aggregate-reports writes it: the hours of the Tokyo day. */
function hoursOf(day: {
  date: string
  campaignId: number
  creativeId: number
  impressions: number
  clicks: number
}): NewHourlyStat[] {
  const start = zonedDayStart(day.date, DEMO_TIME_ZONE) as number
  const end = zonedDayStart(addDays(day.date, 1), DEMO_TIME_ZONE) as number
  const weights = Array.from(
    { length: (end - start) / HOUR_MS },
    (_, h) => HOUR_WEIGHTS[h % 24] as number,
  )
  const clicks = spread(day.clicks, weights)
  return spread(day.impressions, weights).map((impressions, h) => ({
    campaign_id: day.campaignId,
    creative_id: day.creativeId,
    date: day.date,
    hour_start: toSqlDateTime(new Date(start + h * HOUR_MS)),
    impressions,
    clicks: clicks[h] as number,
  }))
}
