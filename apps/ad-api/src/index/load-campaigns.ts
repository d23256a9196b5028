import type { AdCreative } from '@hexad/contracts/ads'
import { readJobWatermark, REPORTS_WATERMARK_JOB, type Db } from '@hexad/db'
import { campaignWindow } from './campaign-days.ts'
import type { IndexedCampaign } from './campaign-index.ts'

export interface CampaignSnapshot {
  /** Active campaigns whose window is not over, each with its creatives (possibly none). */
  servable: IndexedCampaign[]
  /** Landing URL of every campaign not over yet, paused ones too: an ad shown before a pause
   * may still be clicked while its token lives. */
  landingUrls: Map<number, string>
  /** daily_stats impressions by campaign and day, for the days around today: a campaign's day
   * is its advertiser's, which may be UTC's yesterday, today or tomorrow. */
  impressions: Map<number, Map<string, number>>
  /** Every record written before this instant is counted in daily_stats (undefined: not yet). */
  statsWatermark: number | undefined
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)
}

/**
 * Reads what ad selection needs, in four small queries. UTC dates a day either side bound the
 * window loosely (every zone's today is among them): the exact start/end check runs per request,
 * so an index kept through a DB outage still stops a campaign on its last day and starts one on
 * its first, each in its advertiser's time zone.
 */
export async function loadCampaignSnapshot(
  db: Db,
  dates: { yesterday: string; tomorrow: string },
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
      'campaigns.weight',
      'campaigns.pacing',
      'campaigns.frequency_cap',
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
      'creatives.cta',
    ])
    .where('campaigns.status', '=', 'active')
    .where('campaigns.end_date', '>=', dates.yesterday)
    .where('campaigns.start_date', '<=', dates.tomorrow)
    .orderBy('creatives.id')
    .execute()
  // Before daily_stats: should the job write both in between, the figures are newer than the
  // watermark says, and this replica's impressions between the two are counted twice (stopping a
  // little early), rather than not at all (overshooting).
  const statsWatermark = await readJobWatermark(db, REPORTS_WATERMARK_JOB)
  const stats = await db
    .selectFrom('daily_stats')
    .select(['campaign_id', 'date', 'impressions'])
    .where('date', '>=', dates.yesterday)
    .where('date', '<=', dates.tomorrow)
    .execute()

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
      cta: c.cta,
    })
    creativesOf.set(c.campaign_id, list)
  }

  const servable: IndexedCampaign[] = []
  const landingUrls = new Map<number, string>()
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
      timeZone: c.time_zone,
      ...campaignWindow(c.start_date, c.end_date, c.time_zone),
      fence: fenced ? { lat: c.geo_lat!, lng: c.geo_lng!, radiusM: c.geo_radius_m! } : null,
      dailyCap: c.daily_impression_cap,
      weight: c.weight,
      pacing: c.pacing,
      frequencyCap: c.frequency_cap,
      creatives: creativesOf.get(c.id) ?? [],
    })
  }
  const impressions = new Map<number, Map<string, number>>()
  for (const s of stats) {
    const days = impressions.get(s.campaign_id) ?? new Map<string, number>()
    days.set(s.date, s.impressions)
    impressions.set(s.campaign_id, days)
  }
  return { servable, landingUrls, impressions, statsWatermark }
}
