import { describe, expect, it } from 'vitest'
import { distanceM, pointInside, pointOutside } from './geo.ts'

// A fixed sequence instead of Math.random: the same points every run.
function seeded(seed: number) {
  let state = seed
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31
    return state / 2 ** 31
  }
}

const shibuya = { lat: 35.6595, lng: 139.7005, radiusM: 800 }
const ginza = { lat: 35.6717, lng: 139.765, radiusM: 600 }
const tokyo: [{ lat: number; lng: number }, { lat: number; lng: number }] = [
  { lat: 35.55, lng: 139.55 },
  { lat: 35.8, lng: 139.9 },
]

describe('geo', () => {
  it('measures distances on the sphere', () => {
    // Shibuya to Ginza: 1.36 km north and 5.83 km east, about 5.99 km as the crow flies.
    expect(distanceM(shibuya, ginza)).toBeGreaterThan(5_950)
    expect(distanceM(shibuya, ginza)).toBeLessThan(6_030)
  })

  it('puts inside points inside the fence, spread over it', () => {
    const random = seeded(1)
    const distances = Array.from({ length: 500 }, () =>
      distanceM(pointInside(shibuya, random), shibuya),
    )
    expect(Math.max(...distances)).toBeLessThan(shibuya.radiusM)
    // Uniform over the disc: about a quarter of the points within half the radius.
    const near = distances.filter((d) => d < shibuya.radiusM / 2).length / distances.length
    expect(near).toBeGreaterThan(0.15)
    expect(near).toBeLessThan(0.35)
  })

  it('puts outside points in the area and clear of every fence', () => {
    const random = seeded(2)
    for (let i = 0; i < 500; i++) {
      const p = pointOutside([shibuya, ginza], tokyo, random)
      expect(p.lat).toBeGreaterThanOrEqual(tokyo[0].lat)
      expect(p.lng).toBeLessThanOrEqual(tokyo[1].lng)
      for (const fence of [shibuya, ginza])
        expect(distanceM(p, fence)).toBeGreaterThan(fence.radiusM)
    }
  })
})
