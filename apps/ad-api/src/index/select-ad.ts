import type { AdCreative } from '@hexad/contracts/ads'
import { runsAt, type CampaignIndex, type IndexedCampaign } from './campaign-index.ts'

export interface Selection {
  campaign: IndexedCampaign
  creative: AdCreative
}

export interface SelectOptions {
  /** Where the device is; undefined when the page didn't say (only unfenced campaigns then). */
  point: { lat: number; lng: number } | undefined
  /** Now, epoch ms: each campaign's dates are instants in its advertiser's zone. */
  nowMs: number
  impressionsToday: (campaign: number) => number
  random?: () => number
}

/**
 * One campaign drawn uniformly from those eligible here and now (inside its fence, inside its
 * dates, under its daily cap), then one of its creatives uniformly. Equal weights: there is no
 * bid or priority in the product yet, and a uniform draw spreads a slot fairly. The unfenced,
 * uncapped campaigns running now are all eligible, so they are counted rather than visited: one
 * draw over them and the few others that pass their checks here.
 */
export function selectAd(index: CampaignIndex, options: SelectOptions): Selection | undefined {
  const { nowMs, impressionsToday, point } = options
  const underCap = (c: IndexedCampaign) =>
    c.dailyCap === null || impressionsToday(c.id) < c.dailyCap
  const day = index.running(nowMs)
  const others = day.capped.filter(underCap)
  if (point) {
    for (const c of index.fencesContaining(point.lat, point.lng)) {
      if (runsAt(c, nowMs) && underCap(c)) others.push(c)
    }
  }
  const eligible = day.uncapped.length + others.length
  if (eligible === 0) return undefined
  const random = options.random ?? Math.random
  const draw = Math.floor(random() * eligible)
  const chosen =
    draw < day.uncapped.length ? day.uncapped[draw]! : others[draw - day.uncapped.length]!
  const creatives = chosen.creatives
  return { campaign: chosen, creative: creatives[Math.floor(random() * creatives.length)]! }
}
