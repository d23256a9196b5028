import { describe, expect, it } from 'vitest'
import { haversineMeters } from '../geo/haversine.ts'
import { CampaignIndex, type Geofence, type IndexedCampaign } from './campaign-index.ts'
import { ImpressionCaps } from './impression-caps.ts'
import { selectAd } from './select-ad.ts'
import { todayCache } from './utc-dates.ts'

const creative = { id: 1, title: 't', body: 'b', imageUrl: null, width: 300, height: 250 }

function campaign(id: number, fence: Geofence | null, extra: Partial<IndexedCampaign> = {}) {
  return {
    id,
    startDate: '2026-06-01',
    endDate: '2026-06-30',
    fence,
    dailyCap: null,
    creatives: [{ ...creative, id: id * 10 }],
    ...extra,
  }
}

function containing(index: CampaignIndex, lat: number, lng: number): number[] {
  return index
    .fencesContaining(lat, lng)
    .map((c) => c.id)
    .sort((a, b) => a - b)
}

/** A seeded generator, so a failure can be replayed. */
function lcg(seed: number) {
  let state = seed
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}

describe('CampaignIndex', () => {
  it('finds exactly the fences a brute-force haversine scan finds', () => {
    const random = lcg(42)
    const fences: IndexedCampaign[] = []
    for (let id = 1; id <= 400; id++) {
      // Around Tokyo, radii from 50 m to 30 km (the large ones span many grid cells).
      const radiusM = id % 50 === 0 ? 30_000 : 50 + random() * 3_000
      fences.push(
        campaign(id, { lat: 35.5 + random() * 0.4, lng: 139.5 + random() * 0.4, radiusM }),
      )
    }
    fences.push(campaign(401, { lat: 89.5, lng: 0, radiusM: 100_000 })) // near the pole
    fences.push(campaign(402, { lat: 0, lng: 179.999, radiusM: 5_000 })) // across the antimeridian
    const index = new CampaignIndex(fences)
    const points = Array.from({ length: 2_000 }, () => [
      35.45 + random() * 0.5,
      139.45 + random() * 0.5,
    ])
    points.push([89.9, 120], [0.01, -179.99], [0, 180], [-90, -180])
    for (const [lat, lng] of points as [number, number][]) {
      const expected = fences
        .filter((c) => haversineMeters(lat, lng, c.fence!.lat, c.fence!.lng) <= c.fence!.radiusM)
        .map((c) => c.id)
      expect(containing(index, lat, lng), `${lat},${lng}`).toEqual(expected)
    }
  })

  it('keeps unfenced campaigns apart and leaves out campaigns without creatives', () => {
    const index = new CampaignIndex([
      campaign(1, null),
      campaign(2, null, { creatives: [] }),
      campaign(3, { lat: 35.6595, lng: 139.7005, radiusM: 800 }, { creatives: [] }),
    ])
    expect(index.anywhere.map((c) => c.id)).toEqual([1])
    expect(containing(index, 35.6595, 139.7005)).toEqual([])
    expect(index.size).toBe(1)
  })
})

describe('selectAd', () => {
  const index = new CampaignIndex([
    campaign(1, null),
    campaign(2, { lat: 35.6595, lng: 139.7005, radiusM: 800 }),
    campaign(3, { lat: 35.6595, lng: 139.7005, radiusM: 800 }, { startDate: '2026-06-16' }),
    campaign(4, { lat: 35.6595, lng: 139.7005, radiusM: 800 }, { endDate: '2026-06-14' }),
    campaign(5, { lat: 35.6595, lng: 139.7005, radiusM: 800 }, { dailyCap: 10 }),
  ])
  const base = { today: '2026-06-15', impressionsToday: () => 0 }
  const drawn = (options: Parameters<typeof selectAd>[1]) => {
    const ids = new Set<number>()
    for (let i = 0; i < 200; i++) ids.add(selectAd(index, options)!.campaign.id)
    return [...ids].sort()
  }

  it('draws among every eligible campaign, and only those', () => {
    const point = { lat: 35.6595, lng: 139.7005 }
    expect(drawn({ ...base, point })).toEqual([1, 2, 5])
    expect(drawn({ ...base, point, impressionsToday: (id) => (id === 5 ? 10 : 0) })).toEqual([1, 2])
    expect(drawn({ ...base, point: undefined })).toEqual([1])
    expect(drawn({ ...base, point, today: '2026-06-16' })).toEqual([1, 2, 3, 5])
  })

  it('spreads draws evenly', () => {
    const counts = new Map<number, number>()
    const random = lcg(7)
    for (let i = 0; i < 3_000; i++) {
      const id = selectAd(index, { ...base, point: { lat: 35.6595, lng: 139.7005 }, random })!
        .campaign.id
      counts.set(id, (counts.get(id) ?? 0) + 1)
    }
    for (const count of counts.values()) expect(count).toBeGreaterThan(850)
  })

  it('returns nothing when nothing is eligible', () => {
    expect(selectAd(new CampaignIndex([]), { ...base, point: undefined })).toBeUndefined()
  })
})

describe('ImpressionCaps', () => {
  it('adds its own impressions to daily_stats until the figure there changes', () => {
    const caps = new ImpressionCaps()
    caps.updateFromStats('2026-06-15', new Map([[1, 100]]))
    caps.record('2026-06-15', 1)
    caps.record('2026-06-15', 1)
    caps.record('2026-06-15', 2)
    expect(caps.count('2026-06-15', 1)).toBe(102)
    caps.updateFromStats('2026-06-15', new Map([[1, 100]]))
    expect(caps.count('2026-06-15', 1)).toBe(102)
    // The aggregate job ran: its figure now includes what we logged.
    caps.updateFromStats('2026-06-15', new Map([[1, 150]]))
    expect(caps.count('2026-06-15', 1)).toBe(150)
    expect(caps.count('2026-06-15', 2)).toBe(1)
  })

  it('starts every count at zero on a new UTC day', () => {
    const caps = new ImpressionCaps()
    caps.updateFromStats('2026-06-15', new Map([[1, 100]]))
    caps.record('2026-06-15', 1)
    expect(caps.count('2026-06-16', 1)).toBe(0)
    caps.record('2026-06-16', 1)
    expect(caps.count('2026-06-16', 1)).toBe(1)
  })
})

describe('todayCache', () => {
  it('turns over at UTC midnight', () => {
    let now = Date.parse('2026-06-15T23:59:59.999Z')
    const today = todayCache(() => now)
    expect(today()).toBe('2026-06-15')
    now += 1
    expect(today()).toBe('2026-06-16')
  })
})
