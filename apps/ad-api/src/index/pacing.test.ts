import { HOUR_MS } from '@hexad/contracts/time'
import { describe, expect, it } from 'vitest'
import { indexedCampaign } from '../../test/fixtures.ts'
import type { IndexedCampaign } from './campaign-index.ts'
import { Delivery, EVEN_LEAD } from './pacing.ts'

const MINUTE_MS = 60_000
const dayStart = Date.parse('2026-06-15T00:00:00Z')

/** Requests per minute over the day: a quiet night, a busy evening, optionally an outage. */
function trafficAt(minute: number, outage?: [number, number]): number {
  const hour = minute / 60
  if (outage && hour >= outage[0] && hour < outage[1]) return 0
  if (hour < 6) return 20
  if (hour < 18) return 60
  return 120
}

interface Simulation {
  campaign: IndexedCampaign
  /** Each replica's share of the traffic. */
  replicas: number[]
  outage?: [number, number]
  /** Day starts at this instant (UTC midnight unless the zone says otherwise). */
  start?: number
}

/**
 * A simulated day on an injected clock: requests arrive minute by minute, split over replicas;
 * every request a replica may serve becomes an impression it records. The aggregate job runs
 * every 5 minutes: it writes daily_stats with the impressions up to a minute before, and a
 * watermark 7 minutes before (what it vouches for); each replica refreshes its index every minute. Returns the fleet's impressions at the end of each hour and the replicas.
 */
function simulateDay({ campaign, replicas, outage, start = dayStart }: Simulation) {
  const fleet = replicas.map(() => new Delivery())
  const impressions: number[] = [] // the instant of each one, fleet-wide
  let stats = 0
  let watermark: number | undefined
  const byHour: number[] = []
  for (let minute = 0; minute < 24 * 60; minute++) {
    const minuteStart = start + minute * MINUTE_MS
    if (minute % 5 === 0) {
      // It counts nearly everything written so far, but vouches only for what is settled.
      stats = impressions.filter((at) => at < minuteStart - MINUTE_MS).length
      watermark = minuteStart - 7 * MINUTE_MS
    }
    const view = { impressions: () => stats, watermark }
    for (const delivery of fleet) delivery.updateFromStats([campaign], view, minuteStart)
    const requests = trafficAt(minute, outage)
    for (let i = 0; i < requests; i++) {
      const at = minuteStart + (i * MINUTE_MS) / requests
      // Requests go to replicas in proportion to their shares, deterministically.
      let pick = ((i * 0.618_034) % 1) * replicas.reduce((a, b) => a + b, 0)
      let r = 0
      while (pick >= replicas[r]! && r < replicas.length - 1) pick -= replicas[r++]!
      if (fleet[r]!.canServe(campaign, at)) {
        fleet[r]!.record(campaign.id, at)
        impressions.push(at)
      }
    }
    if (minute % 60 === 59) byHour.push(impressions.length)
  }
  return { byHour, fleet }
}

describe('pacing over a simulated day', () => {
  const cap = 10_000

  it('spreads an even campaign over the day, one replica', () => {
    const campaign = indexedCampaign(1, null, { dailyCap: cap, pacing: 'even' })
    const { byHour } = simulateDay({ campaign, replicas: [1] })
    byHour.forEach((delivered, hour) => {
      const line = (cap * (hour + 1)) / 24
      expect(delivered, `hour ${hour}`).toBeLessThanOrEqual(line + cap * EVEN_LEAD + 1)
      expect(delivered, `hour ${hour}`).toBeGreaterThanOrEqual(line - cap * 0.01)
    })
    expect(byHour.at(-1)).toBeLessThanOrEqual(cap)
    expect(byHour.at(-1)).toBeGreaterThanOrEqual(cap * 0.99)
  })

  it('catches up after falling behind (an outage from 02:00 to 05:00), then stays on the line', () => {
    const campaign = indexedCampaign(1, null, { dailyCap: cap, pacing: 'even' })
    const { byHour } = simulateDay({ campaign, replicas: [1], outage: [2, 5] })
    expect(byHour[4]).toBeLessThan((cap * 3) / 24) // behind: nothing served for three hours
    // 20 requests a minute at night: back on the line within the next hours, not beyond it.
    for (let hour = 9; hour < 24; hour++) {
      const line = (cap * (hour + 1)) / 24
      expect(Math.abs(byHour[hour]! - line), `hour ${hour}`).toBeLessThanOrEqual(cap * 0.02)
    }
    expect(byHour.at(-1)).toBeLessThanOrEqual(cap)
  })

  it('keeps three replicas together on the line, each measuring its share of the fleet', () => {
    const campaign = indexedCampaign(1, null, { dailyCap: cap, pacing: 'even' })
    const { byHour, fleet } = simulateDay({ campaign, replicas: [0.5, 0.3, 0.2] })
    byHour.forEach((delivered, hour) => {
      const line = (cap * (hour + 1)) / 24
      expect(delivered, `hour ${hour}`).toBeLessThanOrEqual(line + cap * 0.02)
      expect(delivered, `hour ${hour}`).toBeGreaterThanOrEqual(line - cap * 0.02)
    })
    expect(byHour.at(-1)).toBeLessThanOrEqual(cap * 1.005)
    expect(byHour.at(-1)).toBeGreaterThanOrEqual(cap * 0.98)
    // Each measured its share of what the fleet served: together, the whole fleet.
    const shares = fleet.reduce((sum, delivery) => sum + delivery.share, 0)
    expect(shares).toBeGreaterThan(0.95)
    expect(shares).toBeLessThan(1.05)
    expect(fleet[0]!.share).toBeGreaterThan(fleet[2]!.share)
  })

  it('serves an asap campaign as fast as traffic allows, and stops at the cap', () => {
    const campaign = indexedCampaign(1, null, { dailyCap: cap, pacing: 'asap' })
    const { byHour } = simulateDay({ campaign, replicas: [0.5, 0.3, 0.2] })
    // 20 a minute all night and 60 from 06:00: all of them until the cap, by about 07:40.
    expect(byHour[5]).toBe(6 * 60 * 20)
    expect(byHour[8]).toBeGreaterThanOrEqual(cap * 0.99)
    expect(byHour.at(-1)).toBeLessThanOrEqual(cap * 1.01)
  })

  it('counts the ads on their way to readers: impressions seconds after the ad do not overshoot', () => {
    const campaign = indexedCampaign(1, null, { dailyCap: 100, pacing: 'asap' })
    const delivery = new Delivery()
    const noon = dayStart + 12 * HOUR_MS
    delivery.updateFromStats([campaign], { impressions: () => 0, watermark: undefined }, noon)
    // 50 requests a second for five minutes; 7 ads in 10 are seen, each 5 s after it was served.
    const beacons: { at: number; servedAt: number }[] = []
    let impressions = 0
    const deliverBeacons = (until: number) => {
      while (beacons.length > 0 && beacons[0]!.at <= until) {
        const beacon = beacons.shift()!
        delivery.record(campaign.id, beacon.at, beacon.servedAt)
        impressions++
      }
    }
    for (let i = 0; i < 5 * 60 * 50; i++) {
      const at = noon + i * 20
      deliverBeacons(at)
      if (!delivery.canServe(campaign, at)) continue
      delivery.served(campaign.id, at)
      if (i % 10 < 7) beacons.push({ at: at + 5_000, servedAt: at })
    }
    deliverBeacons(Infinity)
    // Counting only impressions, the first 5 s would serve 250 ads and 175 of them be seen. The
    // unseen ones stop counting after PENDING_MS, so the cap still fills.
    expect(impressions).toBeLessThanOrEqual(100)
    expect(impressions).toBeGreaterThanOrEqual(98)
  })

  it('follows the advertiser’s day, not UTC’s', () => {
    const tokyo = indexedCampaign(1, null, { dailyCap: cap, timeZone: 'Asia/Tokyo' })
    // Tokyo's 2026-06-15 starts at 15:00 UTC the day before.
    const { byHour } = simulateDay({
      campaign: tokyo,
      replicas: [1],
      start: dayStart - 9 * HOUR_MS,
    })
    expect(byHour[11]).toBeGreaterThanOrEqual(cap / 2 - cap * 0.01)
    expect(byHour[11]).toBeLessThanOrEqual(cap / 2 + cap * EVEN_LEAD + 1)
    // At UTC midnight (09:00 in Tokyo) the campaign is not at a new day's start.
    const stats = { impressions: () => 3_000, watermark: dayStart }
    const inTokyo = new Delivery()
    inTokyo.updateFromStats([tokyo], stats, dayStart)
    expect(inTokyo.canServe(tokyo, dayStart)).toBe(true) // 3,000 of 10,000 by 09:00 JST: behind
    const utc = { ...tokyo, timeZone: 'UTC' }
    const inUtc = new Delivery()
    inUtc.updateFromStats([utc], stats, dayStart)
    expect(inUtc.canServe(utc, dayStart)).toBe(false) // 3,000 by 00:00 UTC: far ahead
  })
})
