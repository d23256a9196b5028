import { haversineMeters, metersPerDegreeLat } from '../geo/haversine.ts'

export interface IndexedCreative {
  id: number
  title: string
  body: string
  imageUrl: string | null
  width: number
  height: number
}

export interface Geofence {
  lat: number
  lng: number
  radiusM: number
}

export interface IndexedCampaign {
  id: number
  /** 'YYYY-MM-DD', UTC, inclusive: checked per request so a stale index still honours them. */
  startDate: string
  endDate: string
  fence: Geofence | null
  dailyCap: number | null
  creatives: IndexedCreative[]
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

/** An immutable snapshot of the servable campaigns; a refresh builds a new one and swaps it in. */
export class CampaignIndex {
  /** Campaigns with no geofence: eligible wherever the device is, or when it didn't say. */
  readonly anywhere: IndexedCampaign[] = []
  readonly #cells = new Map<number, IndexedCampaign[]>()
  readonly #wide: IndexedCampaign[] = []
  /** Campaigns that can be served: those given with at least one creative. */
  readonly size: number = 0

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
    const dLng = fence.radiusM / (metersPerDegreeLat * Math.cos((farthestLat * Math.PI) / 180))
    const [rowMin, colMin] = rowCol(fence.lat - dLat, fence.lng - dLng)
    const [rowMax, colMax] = rowCol(fence.lat + dLat, fence.lng + dLng)
    const cells = (rowMax - rowMin + 1) * (colMax - colMin + 1)
    if (farthestLat >= 89 || Math.abs(fence.lng) + dLng >= 180 || cells > MAX_CELLS) {
      this.#wide.push(campaign)
      return
    }
    for (let row = rowMin; row <= rowMax; row++) {
      for (let col = colMin; col <= colMax; col++) {
        const bucket = this.#cells.get(row * LNG_CELLS + col)
        if (bucket) bucket.push(campaign)
        else this.#cells.set(row * LNG_CELLS + col, [campaign])
      }
    }
  }

  /** Calls `visit` for each fenced campaign whose circle contains the point (exact haversine). */
  forEachFenceContaining(lat: number, lng: number, visit: (c: IndexedCampaign) => void): void {
    const inside = (c: IndexedCampaign) => {
      const f = c.fence!
      if (haversineMeters(lat, lng, f.lat, f.lng) <= f.radiusM) visit(c)
    }
    this.#cells.get(cellOf(lat, lng))?.forEach(inside)
    this.#wide.forEach(inside)
  }
}
