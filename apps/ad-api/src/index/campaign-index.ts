import type { AdCreative } from '@hexad/contracts/ads'
import type { PacingMode } from '@hexad/db'
import { RAD, haversineTerm, maxHaversineTerm, metersPerDegreeLat } from '../geo/haversine.ts'

export interface Geofence {
  lat: number
  lng: number
  radiusM: number
}

export interface IndexedCampaign {
  id: number
  /** The advertiser's IANA time zone: the campaign's days, for its dates, cap and pacing. */
  timeZone: string
  /**
   * The dates as instants (campaignWindow): serving from startMs, up to endMs exclusive. Checked
   * per request, so a stale index still starts and stops campaigns on time.
   */
  startMs: number
  endMs: number
  fence: Geofence | null
  dailyCap: number | null
  /** Its share of the slots against the other campaigns of its class (fenced, or not). */
  weight: number
  /** How the daily cap is spent over the advertiser's day (pacing.ts). */
  pacing: PacingMode
  /** Impressions per reader per day, as counted by the tag; null: none. */
  frequencyCap: number | null
  /** Kept in the shape GET /v1/ads answers with, so an answer sends one as it is. */
  creatives: AdCreative[]
}

// Grid cells of 0.01° (≈1.1 km north-south, less east-west away from the equator). A fence is
// filed under every cell its bounding box touches, so a request reads one cell and runs the
// exact haversine only on the few campaigns filed there. Fences too big for the grid (more than
// MAX_CELLS cells, across the antimeridian or near a pole) go to a short list checked every time.
const CELL_DEG = 0.01
const LNG_CELLS = Math.ceil(360 / CELL_DEG) + 1
const MAX_CELLS = 4_096

function rowCol(lat: number, lng: number): [number, number] {
  return [Math.floor((lat + 90) / CELL_DEG), Math.floor((lng + 180) / CELL_DEG)]
}

// rowCol inlined: the request path allocates no array.
function cellOf(lat: number, lng: number): number {
  return Math.floor((lat + 90) / CELL_DEG) * LNG_CELLS + Math.floor((lng + 180) / CELL_DEG)
}

/**
 * A fence as the request path tests it: haversine's term against the largest the radius allows,
 * with the fence's cosine computed once (no asin or sqrt per candidate, the same decision).
 */
interface FiledFence {
  campaign: IndexedCampaign
  lat: number
  lng: number
  cosLat: number
  maxTerm: number
  /** The bounding box the fence was filed by: a point outside it is outside the circle, told
   * with four comparisons instead of haversine's two sines. */
  south: number
  north: number
  west: number
  east: number
}

/**
 * The unfenced campaigns running at the instants [fromMs, untilMs), between two campaign starts
 * or ends, split by whether a cap must be checked.
 */
interface RunningView {
  fromMs: number
  untilMs: number
  /** Inside their dates, no cap of any kind: every one is eligible without looking further. */
  free: IndexedCampaign[]
  /** free's weights, summed: free[i] is drawn for a point in [freeUpTo[i-1], freeUpTo[i]). */
  freeUpTo: Float64Array
  /** Inside their dates, with a daily or per-reader cap to check per request. */
  checked: IndexedCampaign[]
}

/** The box of a fence it means nothing for (across the antimeridian, over a pole). */
const EVERYWHERE = { south: -Infinity, north: Infinity, west: -Infinity, east: Infinity }

/** No daily cap and no cap per reader: nothing about the request or the hour can rule it out. */
const uncapped = (c: IndexedCampaign) => c.dailyCap === null && c.frequencyCap === null

export function runsAt(campaign: IndexedCampaign, nowMs: number): boolean {
  return campaign.startMs <= nowMs && nowMs < campaign.endMs
}

/** An immutable snapshot of the servable campaigns; a refresh builds a new one and swaps it in. */
export class CampaignIndex {
  /** Campaigns with no geofence: eligible wherever the device is, or when it didn't say. */
  readonly anywhere: IndexedCampaign[] = []
  readonly #cells = new Map<number, FiledFence[]>()
  readonly #wide: FiledFence[] = []
  /** Campaigns that can be served: those given with at least one creative. */
  readonly size: number = 0
  // Dates are per request (a stale index must still start and stop campaigns on time), but
  // the unfenced list only changes when one of them starts or ends: it is sorted out then, not
  // per request.
  #running: RunningView = {
    fromMs: 0,
    untilMs: 0,
    free: [],
    freeUpTo: new Float64Array(0),
    checked: [],
  }

  constructor(campaigns: IndexedCampaign[]) {
    for (const campaign of campaigns) {
      if (campaign.creatives.length === 0) continue
      this.size++
      if (!campaign.fence) this.anywhere.push(campaign)
      else this.#file(campaign, campaign.fence)
    }
  }

  #file(campaign: IndexedCampaign, fence: Geofence) {
    const dLat = fence.radiusM / metersPerDegreeLat
    const farthestLat = Math.abs(fence.lat) + dLat
    const dLng = fence.radiusM / (metersPerDegreeLat * Math.cos(farthestLat * RAD))
    const [south, west] = [fence.lat - dLat, fence.lng - dLng]
    const [north, east] = [fence.lat + dLat, fence.lng + dLng]
    const [rowMin, colMin] = rowCol(south, west)
    const [rowMax, colMax] = rowCol(north, east)
    const cells = (rowMax - rowMin + 1) * (colMax - colMin + 1)
    const wide = farthestLat >= 89 || Math.abs(fence.lng) + dLng >= 180 || cells > MAX_CELLS
    const filed: FiledFence = {
      campaign,
      lat: fence.lat,
      lng: fence.lng,
      cosLat: Math.cos(fence.lat * RAD),
      maxTerm: maxHaversineTerm(fence.radiusM),
      // Across the antimeridian or over a pole the box means nothing: only haversine decides.
      ...(wide ? EVERYWHERE : { south, north, west, east }),
    }
    if (wide) {
      this.#wide.push(filed)
      return
    }
    for (let row = rowMin; row <= rowMax; row++) {
      for (let col = colMin; col <= colMax; col++) {
        const bucket = this.#cells.get(row * LNG_CELLS + col)
        if (bucket) bucket.push(filed)
        else this.#cells.set(row * LNG_CELLS + col, [filed])
      }
    }
  }

  /** The unfenced campaigns running at instant `nowMs`. */
  running(nowMs: number): RunningView {
    const view = this.#running
    if (nowMs >= view.fromMs && nowMs < view.untilMs) return view
    let fromMs = -Infinity
    let untilMs = Infinity
    const running: IndexedCampaign[] = []
    for (const c of this.anywhere) {
      if (runsAt(c, nowMs)) running.push(c)
      for (const edge of [c.startMs, c.endMs]) {
        if (edge <= nowMs) fromMs = Math.max(fromMs, edge)
        else untilMs = Math.min(untilMs, edge)
      }
    }
    const free = running.filter(uncapped)
    const freeUpTo = new Float64Array(free.length)
    let sum = 0
    free.forEach((c, i) => (freeUpTo[i] = sum += c.weight))
    this.#running = {
      fromMs,
      untilMs,
      free,
      freeUpTo,
      checked: running.filter((c) => !uncapped(c)),
    }
    return this.#running
  }

  /** The fenced campaigns whose circle contains the point (exact haversine). */
  fencesContaining(lat: number, lng: number): IndexedCampaign[] {
    const cosLat = Math.cos(lat * RAD)
    const found: IndexedCampaign[] = []
    const cell = this.#cells.get(cellOf(lat, lng))
    if (cell) collectContaining(cell, lat, lng, cosLat, found)
    collectContaining(this.#wide, lat, lng, cosLat, found)
    return found
  }
}

function collectContaining(
  fences: FiledFence[],
  lat: number,
  lng: number,
  cosLat: number,
  found: IndexedCampaign[],
): void {
  for (const f of fences) {
    if (lat < f.south || lat > f.north || lng < f.west || lng > f.east) continue
    if (haversineTerm(lat, lng, cosLat, f.lat, f.lng, f.cosLat) <= f.maxTerm) found.push(f.campaign)
  }
}
