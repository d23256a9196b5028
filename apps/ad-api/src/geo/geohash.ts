const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz'

/**
 * Standard geohash encoding (interleaved longitude/latitude bisection, base32). Only encoding is
 * needed, for the coarse location in analytics records; it is a dozen lines, so no dependency.
 * 5 characters is a cell of about 4.9 km × 4.9 km: a neighbourhood, never a person.
 */
export function geohash(lat: number, lng: number, length: number): string {
  let latMin = -90
  let latMax = 90
  let lngMin = -180
  let lngMax = 180
  let hash = ''
  let bits = 0
  let value = 0
  let evenBit = true
  while (hash.length < length) {
    if (evenBit) {
      const mid = (lngMin + lngMax) / 2
      value = (value << 1) | (lng >= mid ? 1 : 0)
      if (lng >= mid) lngMin = mid
      else lngMax = mid
    } else {
      const mid = (latMin + latMax) / 2
      value = (value << 1) | (lat >= mid ? 1 : 0)
      if (lat >= mid) latMin = mid
      else latMax = mid
    }
    evenBit = !evenBit
    if (++bits === 5) {
      hash += BASE32[value]
      bits = 0
      value = 0
    }
  }
  return hash
}
