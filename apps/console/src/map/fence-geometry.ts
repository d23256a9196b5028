// The arithmetic the map's handles need, kept apart from Leaflet so it is tested on its own.
import type { Geofence } from '@hexad/contracts/console-api'

const EARTH_RADIUS_M = 6_371_008.8
const RAD = Math.PI / 180

/** The point `radiusM` due east of the centre: where the radius handle sits. */
export function eastOf(centre: { lat: number; lng: number }, radiusM: number) {
  return {
    lat: centre.lat,
    lng: centre.lng + radiusM / (EARTH_RADIUS_M * Math.cos(centre.lat * RAD) * RAD),
  }
}

/** The point `northM` metres north and `eastM` metres east of `from` (negative: south, west). */
export function offsetBy(from: { lat: number; lng: number }, northM: number, eastM: number) {
  return eastOf({ lat: from.lat + northM / (EARTH_RADIUS_M * RAD), lng: from.lng }, eastM)
}

/** Rounded as the API stores them: 6 decimals (~10 cm) and whole metres within the limits. */
export function roundFence(
  fence: { lat: number; lng: number; radiusM: number },
  limits: { min: number; max: number },
): Geofence {
  const round6 = (value: number) => Math.round(value * 1e6) / 1e6
  return {
    lat: round6(fence.lat),
    lng: round6(((((fence.lng + 180) % 360) + 360) % 360) - 180),
    radiusM: Math.min(limits.max, Math.max(limits.min, Math.round(fence.radiusM))),
  }
}
