import { describe, expect, it } from 'vitest'
import { haversineMeters } from '../geo/haversine.ts'
import { indexedCampaign, lcg } from '../../test/fixtures.ts'
import { CampaignIndex, type IndexedCampaign } from './campaign-index.ts'
import { campaignWindow } from './campaign-days.ts'

const campaign = indexedCampaign

function containing(index: CampaignIndex, lat: number, lng: number): number[] {
  return index
    .fencesContaining(lat, lng)
    .map((c) => c.id)
    .sort((a, b) => a - b)
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

const at = (iso: string) => Date.parse(iso)

describe('running', () => {
  it("turns over at a campaign's start and end instants, in its advertiser's zone", () => {
    const index = new CampaignIndex([
      campaign(1, null, { startDate: '2026-12-01', endDate: '2026-12-01', timeZone: 'Asia/Tokyo' }),
      campaign(2, null, { startDate: '2026-12-01', endDate: '2026-12-31', dailyCap: 5 }),
    ])
    const ids = (nowMs: number) => {
      const view = index.running(nowMs)
      return [...view.free, ...view.checked].map((c) => c.id)
    }
    expect(ids(at('2026-11-30T14:59:59.999Z'))).toEqual([])
    expect(ids(at('2026-11-30T15:00:00.000Z'))).toEqual([1])
    expect(ids(at('2026-12-01T00:00:00.000Z'))).toEqual([1, 2])
    expect(ids(at('2026-12-01T15:00:00.000Z'))).toEqual([2])
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

  it('answers the same when asked again, each zone its own (windows are remembered)', () => {
    const tokyo = campaignWindow('2026-12-01', '2026-12-02', 'Asia/Tokyo')
    expect(campaignWindow('2026-12-01', '2026-12-02', 'Asia/Tokyo')).toEqual(tokyo)
    expect(campaignWindow('2026-12-01', '2026-12-02', 'America/New_York')).toEqual({
      startMs: at('2026-12-01T05:00:00Z'),
      endMs: at('2026-12-03T05:00:00Z'),
    })
  })

  it('never opens for a date that does not exist', () => {
    const { startMs, endMs } = campaignWindow('2026-02-30', '2026-03-01', 'UTC')
    expect(startMs).toBeGreaterThan(endMs)
  })
})
