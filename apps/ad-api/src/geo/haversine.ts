export const EARTH_RADIUS_M = 6_371_008.8 // mean radius (IUGG)
export const RAD = Math.PI / 180

/**
 * Haversine's inner term for two points, given with the cosines of their latitudes (a caller
 * testing many points against one keeps those): the great-circle distance is 2R·asin(√term).
 */
export function haversineTerm(
  lat1: number,
  lng1: number,
  cosLat1: number,
  lat2: number,
  lng2: number,
  cosLat2: number,
): number {
  return (
    Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 +
    cosLat1 * cosLat2 * Math.sin(((lng2 - lng1) * RAD) / 2) ** 2
  )
}

/** Great-circle distance in metres. Four lines of trigonometry: not worth a dependency. */
export function haversineMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const a = haversineTerm(lat1, lng1, Math.cos(lat1 * RAD), lat2, lng2, Math.cos(lat2 * RAD))
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)))
}

/** The largest term within `meters`: distance ≤ meters exactly when term ≤ this. */
export function maxHaversineTerm(meters: number): number {
  return Math.sin(Math.min(Math.PI / 2, meters / (2 * EARTH_RADIUS_M))) ** 2
}

export const metersPerDegreeLat = EARTH_RADIUS_M * RAD
