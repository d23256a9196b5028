import type { AdCreative } from '@hexad/contracts/ads'
import type { Db } from '@hexad/db'
import { campaignWindow, dayPerZone, type utcDates } from './campaign-days.ts'
import type { IndexedCampaign } from './campaign-index.ts'
import type { CampaignStat } from './impression-caps.ts'

export interface CampaignSnapshot {
  /** Active campaigns whose window is not over, each with its creatives (possibly none). */
  servable: IndexedCampaign[]
  /** Landing URL of every campaign not over yet, paused ones too: an ad shown before a pause
   * may still be clicked while its token lives. */
  landingUrls: Map<number, string>
  /** Each servable campaign's zone and its day's impressions in daily_stats, for the cap. */
  stats: Map<number, CampaignStat>
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
}

/**
 * Reads what ad selection needs, in three small queries, at instant `nowMs`. UTC dates a day
 * either side bound the window loosely (every zone's today is among them): the exact start/end
 * check runs per request, so an index kept through a DB outage still stops a campaign on its
 * last day and starts one on its first, each in its advertiser's time zone.
 */
export async function loadCampaignSnapshot(
  db: Db,
  nowMs: number,
  dates: ReturnType<typeof utcDates>,
): Promise<CampaignSnapshot> {
  const campaigns = await db
    .selectFrom('campaigns')
    .innerJoin('advertisers', 'advertisers.id', 'campaigns.advertiser_id')
    .select([
      'campaigns.id',
      'campaigns.status',
      'campaigns.start_date',
      'campaigns.end_date',
      'campaigns.geo_lat',
      'campaigns.geo_lng',
      'campaigns.geo_radius_m',
      'campaigns.landing_url',
      'campaigns.daily_impression_cap',
      'advertisers.time_zone',
    ])
    .where('campaigns.end_date', '>=', dates.yesterday)
    .where('campaigns.start_date', '<=', dates.tomorrow)
    .execute()
  const creatives = await db
    .selectFrom('creatives')
    .innerJoin('campaigns', 'campaigns.id', 'creatives.campaign_id')
    .select([
      'creatives.id',
      'creatives.campaign_id',
      'creatives.title',
      'creatives.body',
      'creatives.image_url',
      'creatives.width',
      'creatives.height',
    ])
    .where('campaigns.status', '=', 'active')
    .where('campaigns.end_date', '>=', dates.yesterday)
    .where('campaigns.start_date', '<=', dates.tomorrow)
    .orderBy('creatives.id')
    .execute()
  const statRows = await db
    .selectFrom('daily_stats')
    .select(['date', 'campaign_id', 'impressions'])
    .where('date', 'in', [dates.yesterday, dates.today, dates.tomorrow])
    .execute()
  const impressionsOn = new Map(statRows.map((s) => [`${s.campaign_id} ${s.date}`, s.impressions]))
  const dayIn = dayPerZone(nowMs)

  const creativesOf = new Map<number, AdCreative[]>()
  for (const c of creatives) {
    const list = creativesOf.get(c.campaign_id) ?? []
    list.push({
      id: c.id,
      title: c.title,
      body: c.body,
      imageUrl: c.image_url,
      width: c.width,
      height: c.height,
    })
    creativesOf.set(c.campaign_id, list)
  }

  const servable: IndexedCampaign[] = []
  const landingUrls = new Map<number, string>()
  const stats = new Map<number, CampaignStat>()
  for (const c of campaigns) {
    // The console validates landing URLs; this guards the redirect against anything else that
    // writes the table: we only ever send a browser to http(s).
    if (!isHttpUrl(c.landing_url)) continue
    landingUrls.set(c.id, c.landing_url)
    if (c.status !== 'active') continue
    const fenceParts = [c.geo_lat, c.geo_lng, c.geo_radius_m].filter((v) => v !== null).length
    // Half a fence is not "anywhere": serving it everywhere would be the costly mistake.
    if (fenceParts !== 0 && fenceParts !== 3) continue
    const fenced = fenceParts === 3
    servable.push({
      id: c.id,
      startDate: c.start_date,
      endDate: c.end_date,
      timeZone: c.time_zone,
      ...campaignWindow(c.start_date, c.end_date, c.time_zone),
      fence: fenced ? { lat: c.geo_lat!, lng: c.geo_lng!, radiusM: c.geo_radius_m! } : null,
      dailyCap: c.daily_impression_cap,
      creatives: creativesOf.get(c.id) ?? [],
    })
    const today = dayIn(c.time_zone).day
    stats.set(c.id, {
      timeZone: c.time_zone,
      impressions: impressionsOn.get(`${c.id} ${today}`) ?? 0,
    })
  }
  return { servable, landingUrls, stats }
}
