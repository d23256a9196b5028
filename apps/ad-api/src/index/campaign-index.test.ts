import { describe, expect, it } from 'vitest'
import { haversineMeters } from '../geo/haversine.ts'
import { CampaignIndex, type Geofence, type IndexedCampaign } from './campaign-index.ts'
import { ImpressionCaps } from './impression-caps.ts'
import { selectAd } from './select-ad.ts'
import { campaignWindow } from './campaign-days.ts'

const creative = { id: 1, title: 't', body: 'b', imageUrl: null, width: 300, height: 250 }

function campaign(
  id: number,
  fence: Geofence | null,
  extra: Partial<IndexedCampaign> = {},
): IndexedCampaign {
  const { startDate = '2026-06-01', endDate = '2026-06-30', timeZone = 'UTC' } = extra
  return {
    id,
    fence,
    dailyCap: null,
    creatives: [{ ...creative, id: id * 10 }],
    ...extra,
    startDate,
    endDate,
    timeZone,
    ...campaignWindow(startDate, endDate, timeZone),
  }
}

const at = (iso: string) => Date.parse(iso)

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
  const base = { nowMs: at('2026-06-15T12:00:00Z'), impressionsToday: () => 0 }
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
    expect(drawn({ ...base, point, nowMs: at('2026-06-16T00:00:00Z') })).toEqual([1, 2, 3, 5])
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
  const stats = (impressions: number, timeZone = 'UTC') => new Map([[1, { timeZone, impressions }]])
  const noon = at('2026-06-15T12:00:00Z')

  it('adds its own impressions to daily_stats until the figure there changes', () => {
    const caps = new ImpressionCaps()
    caps.updateFromStats(noon, stats(100))
    caps.record(noon, 1)
    caps.record(noon, 1)
    caps.record(noon, 2)
    expect(caps.count(noon, 1)).toBe(102)
    caps.updateFromStats(noon, stats(100))
    expect(caps.count(noon, 1)).toBe(102)
    // The aggregate job ran: its figure now includes what we logged.
    caps.updateFromStats(noon, stats(150))
    expect(caps.count(noon, 1)).toBe(150)
    expect(caps.count(noon, 2)).toBe(1)
  })

  it("starts every count at zero at midnight in the campaign's time zone", () => {
    const caps = new ImpressionCaps()
    // 14:59 UTC is 23:59 JST: the Tokyo campaign's day ends a minute later, not at 24:00 UTC.
    const beforeJstMidnight = at('2026-06-15T14:59:00Z')
    caps.updateFromStats(beforeJstMidnight, stats(100, 'Asia/Tokyo'))
    caps.record(beforeJstMidnight, 1)
    expect(caps.count(beforeJstMidnight, 1)).toBe(101)
    const jstMidnight = at('2026-06-15T15:00:00Z')
    expect(caps.count(jstMidnight, 1)).toBe(0)
    caps.record(jstMidnight, 1)
    expect(caps.count(jstMidnight, 1)).toBe(1)
    // A refresh read just before midnight and applied after does not undo the new day.
    caps.updateFromStats(beforeJstMidnight, stats(101, 'Asia/Tokyo'))
    expect(caps.count(jstMidnight, 1)).toBe(1)
  })
})

describe('campaignWindow', () => {
  it("runs from 00:00 of the start date to 24:00 of the end date in the advertiser's zone", () => {
    expect(campaignWindow('2026-12-01', '2026-12-02', 'Asia/Tokyo')).toEqual({
      startMs: at('2026-11-30T15:00:00Z'),
      endMs: at('2026-12-02T15:00:00Z'),
    })
    expect(campaignWindow('2026-12-01', '2026-12-01', 'UTC')).toEqual({
      startMs: at('2026-12-01T00:00:00Z'),
      endMs: at('2026-12-02T00:00:00Z'),
    })
  })

  it('never opens for a date that does not exist', () => {
    const { startMs, endMs } = campaignWindow('2026-02-30', '2026-03-01', 'UTC')
    expect(startMs).toBeGreaterThan(endMs)
  })
})
