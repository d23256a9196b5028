import type { CampaignIndex, IndexedCampaign, IndexedCreative } from './campaign-index.ts'

export interface Selection {
  campaign: IndexedCampaign
  creative: IndexedCreative
}

export interface SelectOptions {
  /** Where the device is; undefined when the page didn't say (only unfenced campaigns then). */
  point: { lat: number; lng: number } | undefined
  /** UTC 'YYYY-MM-DD'. */
  today: string
  impressionsToday: (campaign: number) => number
  random?: () => number
}

/**
 * One campaign drawn uniformly from those eligible here and now (inside its fence, inside its
 * dates, under its daily cap), then one of its creatives uniformly. Equal weights: there is no
 * bid or priority in the product yet, and a uniform draw spreads a slot fairly. The draw is a
 * reservoir sample, so no array of candidates is built per request.
 */
export function selectAd(index: CampaignIndex, options: SelectOptions): Selection | undefined {
  const random = options.random ?? Math.random
  let chosen: IndexedCampaign | undefined
  let seen = 0
  const consider = (c: IndexedCampaign) => {
    if (c.startDate > options.today || c.endDate < options.today) return
    if (c.dailyCap !== null && options.impressionsToday(c.id) >= c.dailyCap) return
    seen++
    if (random() * seen < 1) chosen = c
  }
  index.anywhere.forEach(consider)
  if (options.point) index.forEachFenceContaining(options.point.lat, options.point.lng, consider)
  if (!chosen) return undefined
  const creatives = chosen.creatives
  return { campaign: chosen, creative: creatives[Math.floor(random() * creatives.length)]! }
}
