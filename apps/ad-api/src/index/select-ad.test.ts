import { describe, expect, it } from 'vitest'
import { indexedCampaign as campaign, lcg, shibuya } from '../../test/fixtures.ts'
import { CampaignIndex, type IndexedCampaign } from './campaign-index.ts'
import { selectAd, type SelectOptions } from './select-ad.ts'
import { SizedIndexes } from './sized-indexes.ts'

const fence = { ...shibuya, radiusM: 800 }
const base = { nowMs: Date.parse('2026-06-15T12:00:00Z'), point: shibuya, canServe: () => true }

/** How often each campaign is drawn in `n` draws from a seeded generator. */
function draws(index: CampaignIndex, n: number, options: Partial<SelectOptions> = {}) {
  const random = lcg(20)
  const counts = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const id = selectAd(index, { ...base, random, ...options })?.campaign.id ?? 0
    counts.set(id, (counts.get(id) ?? 0) + 1)
  }
  return counts
}

/**
 * Each campaign's share of `n` draws is within 5 standard deviations of its weight's share (a
 * binomial bound that a fair draw misses about once in 3.5 million; the generator is seeded, so
 * the test gives the same answer every run).
 */
function expectShares(counts: Map<number, number>, weights: Record<number, number>, n: number) {
  const total = Object.values(weights).reduce((a, b) => a + b, 0)
  for (const [id, weight] of Object.entries(weights)) {
    const p = weight / total
    const sd = Math.sqrt(n * p * (1 - p))
    expect(Math.abs((counts.get(Number(id)) ?? 0) - n * p), `campaign ${id}`).toBeLessThan(5 * sd)
  }
  expect([...counts.keys()].sort()).toEqual(Object.keys(weights).map(Number).sort())
}

describe('selectAd', () => {
  it('gives the slot to a campaign whose fence contains the reader over run-of-network ones', () => {
    // Tokyo Station, a 700 m fence, and a Tokyo-wide campaign without one (issue 20).
    const index = new CampaignIndex([
      campaign(1, null, { weight: 100 }),
      campaign(2, { ...fence, radiusM: 700 }),
    ])
    expect(draws(index, 1_000)).toEqual(new Map([[2, 1_000]]))
    // Outside the fence, or without a position, the unfenced one serves.
    expect(draws(index, 100, { point: { lat: 35.7, lng: 139.7 } })).toEqual(new Map([[1, 100]]))
    expect(draws(index, 100, { point: undefined })).toEqual(new Map([[1, 100]]))
  })

  it('falls back to run of network when no fenced campaign here is eligible', () => {
    const index = new CampaignIndex([
      campaign(1, null),
      campaign(2, fence, { dailyCap: 10 }),
      campaign(3, fence, { frequencyCap: 3 }),
      campaign(4, fence, { startDate: '2026-06-16' }),
    ])
    const seen = new Map([[3, 3]])
    const capped = (c: IndexedCampaign) => c.id !== 2
    expect(draws(index, 100, { seen, canServe: capped })).toEqual(new Map([[1, 100]]))
    // Under the reader's cap, campaign 3 is back and outranks the unfenced one again.
    expect(draws(index, 100, { seen: new Map([[3, 2]]), canServe: capped })).toEqual(
      new Map([[3, 100]]),
    )
  })

  it('shares a class by weight: fenced campaigns among themselves', () => {
    const index = new CampaignIndex([
      campaign(1, fence, { weight: 1 }),
      campaign(2, fence, { weight: 4, dailyCap: 1_000 }),
      campaign(3, fence, { weight: 5, frequencyCap: 2 }),
      campaign(9, null, { weight: 50 }),
    ])
    const n = 20_000
    expectShares(draws(index, n), { 1: 1, 2: 4, 3: 5 }, n)
  })

  it('shares a class by weight: run-of-network campaigns, with and without caps', () => {
    const index = new CampaignIndex([
      campaign(1, null, { weight: 1 }),
      campaign(2, null, { weight: 3 }),
      campaign(3, null, { weight: 6, dailyCap: 1_000 }),
      campaign(4, null, { weight: 2, frequencyCap: 1 }),
      campaign(5, null, { weight: 8, dailyCap: 5 }),
    ])
    const n = 20_000
    const canServe = (c: IndexedCampaign) => c.id !== 5
    expectShares(draws(index, n, { point: undefined, canServe }), { 1: 1, 2: 3, 3: 6, 4: 2 }, n)
  })

  it('returns nothing when nothing is eligible', () => {
    expect(selectAd(new CampaignIndex([]), { ...base, point: undefined })).toBeUndefined()
    const index = new CampaignIndex([campaign(1, null, { dailyCap: 5 })])
    expect(selectAd(index, { ...base, canServe: () => false })).toBeUndefined()
  })
})

describe('SizedIndexes', () => {
  it('chooses only creatives of the size the slot asks for', () => {
    const creative = (id: number, width: number, height: number) => ({
      id,
      title: 't',
      body: 'b',
      imageUrl: null,
      cta: null,
      width,
      height,
    })
    const indexes = new SizedIndexes([
      campaign(1, null, { creatives: [creative(11, 300, 250), creative(12, 728, 90)] }),
      campaign(2, null, { creatives: [creative(21, 320, 50)] }),
    ])
    const creatives = (size: string | undefined) => {
      const ids = new Set<number>()
      for (let i = 0; i < 200; i++) {
        ids.add(selectAd(indexes.of(size), { ...base, point: undefined })!.creative.id)
      }
      return [...ids].sort()
    }
    expect(creatives('728x90')).toEqual([12])
    expect(creatives('320x50')).toEqual([21])
    expect(creatives(undefined)).toEqual([11, 12, 21])
    expect(selectAd(indexes.of('160x600'), { ...base, point: undefined })).toBeUndefined()
  })
})
