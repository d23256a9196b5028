// Points for the publisher scenario: inside a campaign's geofence, or somewhere in greater Tokyo
// that no fence covers. Plain spherical geometry; metres are what the fences are drawn in.

export interface Fence {
  lat: number
  lng: number
  radiusM: number
}

export interface Point {
  lat: number
  lng: number
}

const EARTH_RADIUS_M = 6_371_000
const METRES_PER_DEGREE = (Math.PI * EARTH_RADIUS_M) / 180
const rad = (deg: number) => (deg * Math.PI) / 180

export function distanceM(a: Point, b: Point): number {
  const dLat = rad(b.lat - a.lat)
  const dLng = rad(b.lng - a.lng)
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(h))
}

/** Uniform over the disc (the square root spreads points evenly instead of crowding the centre). */
export function pointInside(fence: Fence, random: () => number): Point {
  // 0.95: a point on the very edge may fall either side of the service's own rounding.
  const r = fence.radiusM * 0.95 * Math.sqrt(random())
  const angle = 2 * Math.PI * random()
  return {
    lat: fence.lat + (r * Math.cos(angle)) / METRES_PER_DEGREE,
    lng: fence.lng + (r * Math.sin(angle)) / (METRES_PER_DEGREE * Math.cos(rad(fence.lat))),
  }
}

/** A point in `area` (south-west and north-east corners) at least 100 m outside every fence. */
export function pointOutside(fences: Fence[], area: [Point, Point], random: () => number): Point {
  const [sw, ne] = area
  for (;;) {
    const point = {
      lat: sw.lat + (ne.lat - sw.lat) * random(),
      lng: sw.lng + (ne.lng - sw.lng) * random(),
    }
    if (fences.every((f) => distanceM(point, f) > f.radiusM + 100)) return point
  }
}
