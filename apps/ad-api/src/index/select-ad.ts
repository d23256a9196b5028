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
  /** Whether a campaign's daily cap, paced over its day, allows one more impression now. */
  canServe: (campaign: IndexedCampaign) => boolean
  /** Impressions this reader had of each campaign today, as the tag counted them (or none). */
  seen?: ReadonlyMap<number, number> | undefined
  random?: () => number
}

/**
 * The rule (stated in the README): a campaign whose fence contains the reader outranks every
 * run-of-network (unfenced) one, so the unfenced class is drawn from only when no fenced campaign
 * is eligible here; within the class, each eligible campaign's chance is its weight over the
 * class's total. Eligible: inside its dates, under the reader's frequency cap, and allowed by its
 * paced daily cap. Then one of its creatives, uniformly. The unfenced campaigns without any cap
 * are eligible while they run, so they are not visited: one draw over their summed weights (a binary
 * search) and the few others that pass their checks here.
 */
export function selectAd(index: CampaignIndex, options: SelectOptions): Selection | undefined {
  const { nowMs, canServe, seen, point } = options
  const random = options.random ?? Math.random
  const eligible = (c: IndexedCampaign) =>
    (c.frequencyCap === null || seen === undefined || (seen.get(c.id) ?? 0) < c.frequencyCap) &&
    canServe(c)

  if (point) {
    const fenced = index.fencesContaining(point.lat, point.lng)
    const here = fenced.filter((c) => runsAt(c, nowMs) && eligible(c))
    if (here.length > 0) return withCreative(drawWeighted(here, 0, random), random)
  }

  const running = index.running(nowMs)
  const others = running.checked.filter(eligible)
  const freeWeight = running.free.length === 0 ? 0 : running.freeUpTo[running.free.length - 1]!
  const chosen =
    freeWeight === 0 && others.length === 0
      ? undefined
      : drawWeighted(others, freeWeight, random, running.free, running.freeUpTo)
  return chosen && withCreative(chosen, random)
}

// Shared empty defaults: a fenced draw allocates nothing for the class it does not draw from.
const NO_CAMPAIGNS: IndexedCampaign[] = []
const NO_WEIGHTS = new Float64Array(0)

/**
 * A draw over `free` (weights summed in `freeUpTo`, `freeWeight` in all) and `others` together,
 * each campaign's chance its weight over the total.
 */
function drawWeighted(
  others: IndexedCampaign[],
  freeWeight: number,
  random: () => number,
  free: IndexedCampaign[] = NO_CAMPAIGNS,
  freeUpTo: Float64Array = NO_WEIGHTS,
): IndexedCampaign {
  let total = freeWeight
  for (const c of others) total += c.weight
  let point = random() * total
  if (point < freeWeight) {
    let low = 0
    let high = free.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (freeUpTo[middle]! > point) high = middle
      else low = middle + 1
    }
    return free[low]!
  }
  point -= freeWeight
  for (const c of others) {
    if (point < c.weight) return c
    point -= c.weight
  }
  // Rounding can leave the point a hair past the last weight.
  return others.at(-1) ?? free.at(-1)!
}

function withCreative(campaign: IndexedCampaign, random: () => number): Selection {
  const creatives = campaign.creatives
  return { campaign, creative: creatives[Math.floor(random() * creatives.length)]! }
}
