import { describe, expect, it } from 'vitest'
import { geohash } from './geohash.ts'
import { haversineMeters } from './haversine.ts'

describe('geohash', () => {
  it('matches the published examples', () => {
    // From the original geohash.org description and Wikipedia's worked example.
    expect(geohash(42.605, -5.603, 5)).toBe('ezs42')
    expect(geohash(57.64911, 10.40744, 11)).toBe('u4pruydqqvj')
  })

  it('keeps Tokyo neighbourhoods apart at 5 characters and nothing finer', () => {
    expect(geohash(35.6595, 139.7005, 5)).toBe('xn76f')
    expect(geohash(35.6595, 139.7005, 5)).toHaveLength(5)
  })
})

describe('haversineMeters', () => {
  it('measures Shibuya to Shinjuku station at about 3.3 km', () => {
    const d = haversineMeters(35.6595, 139.7005, 35.6896, 139.7006)
    expect(d).toBeGreaterThan(3_300)
    expect(d).toBeLessThan(3_400)
  })

  it('is zero for one point and symmetric', () => {
    expect(haversineMeters(10, 20, 10, 20)).toBe(0)
    expect(haversineMeters(1, 2, 3, 4)).toBeCloseTo(haversineMeters(3, 4, 1, 2), 6)
  })

  it('crosses the antimeridian the short way', () => {
    expect(haversineMeters(0, 179.999, 0, -179.999)).toBeLessThan(300)
  })
})
