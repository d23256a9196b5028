import { HOUR_MS } from '@hexad/contracts/time'
import { describe, expect, it } from 'vitest'
import { analyticsLine } from '../../test/fixtures.ts'
import { DayCounter, emptyStats } from './counter.ts'

function count(hours: string[][], { windowHours = 1, seedHours = 0 } = {}) {
  const counter = new DayCounter(emptyStats(), windowHours)
  for (const [index, hour] of hours.entries()) {
    counter.nextHour({ seed: index < seedHours, hour: index * HOUR_MS })
    for (const line of hour) counter.countLine(line)
  }
  return { campaigns: Object.fromEntries(counter.campaigns), stats: counter.stats }
}

const impression = (requestId: string, campaign = 1) =>
  analyticsLine({ tag: 'impression', requestId, campaign })
const click = (requestId: string, campaign = 1) =>
  analyticsLine({ tag: 'click', requestId, campaign })

describe('DayCounter', () => {
  it('counts impressions and clicks per campaign', () => {
    const { campaigns } = count([[impression('a', 1), impression('b', 2), click('a', 1)]])
    expect(campaigns).toEqual({
      1: { impressions: 1, clicks: 1 },
      2: { impressions: 1, clicks: 0 },
    })
  })

  it('counts a beacon fired twice once, per tag', () => {
    const { campaigns, stats } = count([[impression('a'), impression('a'), click('a'), click('a')]])
    expect(campaigns[1]).toEqual({ impressions: 1, clicks: 1 })
    expect(stats.duplicates).toBe(2)
  })

  it('counts a click without an impression', () => {
    expect(count([[click('lonely', 7)]]).campaigns[7]).toEqual({ impressions: 0, clicks: 1 })
  })

  it('de-duplicates across neighbouring hours, not further apart', () => {
    expect(count([[impression('a')], [impression('a')]]).stats.duplicates).toBe(1)
    const apart = count([[impression('a')], [], [impression('a')]])
    expect(apart.stats.duplicates).toBe(0)
    expect(apart.campaigns[1]?.impressions).toBe(2)
  })

  it('keeps as many earlier hours as the window says', () => {
    const twoApart = [[impression('a')], [], [impression('a')]]
    expect(count(twoApart, { windowHours: 2 }).stats.duplicates).toBe(1)
    expect(count([...twoApart, [], [impression('a')]], { windowHours: 2 }).stats).toMatchObject({
      impressions: 2,
      duplicates: 1,
    })
  })

  it("remembers a seed hour's ids without counting anything of it", () => {
    const { campaigns, stats } = count(
      [
        [impression('a'), click('a'), impression('seed-only'), 'garbage'],
        [impression('a'), click('a'), impression('b')],
      ],
      { seedHours: 1 },
    )
    expect(campaigns[1]).toEqual({ impressions: 1, clicks: 0 })
    expect(stats).toMatchObject({ lines: 3, impressions: 1, duplicates: 2, malformed: 0 })
  })

  it('counts malformed lines and goes on', () => {
    const { campaigns, stats } = count([
      [
        'not json',
        '{"tag":"impression"',
        JSON.stringify({ tag: 'impression', requestId: 'x' }),
        JSON.stringify({ tag: 'impression', requestId: 'x', campaign: '1' }),
        JSON.stringify({ tag: 'impression', requestId: '', campaign: 1 }),
        'null',
        '[]',
        '',
        impression('ok'),
      ],
    ])
    expect(stats.malformed).toBe(7)
    expect(stats.lines).toBe(8) // the empty line is not a line
    expect(campaigns[1]?.impressions).toBe(1)
  })

  it("reads fluentd's time<TAB>tag<TAB>json lines and ignores other tags", () => {
    const adRequest = JSON.stringify({ tag: 'ad_request', requestId: 'r', campaign: 1 })
    const { campaigns, stats } = count([
      [`2026-11-25T03:04:05+00:00\tanalytics.impression\t${impression('a')}`, adRequest],
    ])
    expect(campaigns[1]?.impressions).toBe(1)
    expect(stats.ignored).toBe(1)
  })

  it('keeps each count by creative and hour, and the day as their sums', () => {
    const counter = new DayCounter(emptyStats(), 1)
    const line = (requestId: string, creative: number) =>
      analyticsLine({ tag: 'impression', requestId, campaign: 1, creative })
    counter.nextHour({ hour: 0 })
    counter.countLine(line('a', 11))
    counter.countLine(line('b', 12))
    counter.nextHour({ hour: HOUR_MS })
    counter.countLine(line('a', 11)) // a replay: counted in the first hour only
    counter.countLine(line('c', 11))
    expect(counter.cells.get(1)).toEqual(
      new Map([
        [
          11,
          new Map([
            [0, { impressions: 1, clicks: 0 }],
            [HOUR_MS, { impressions: 1, clicks: 0 }],
          ]),
        ],
        [12, new Map([[0, { impressions: 1, clicks: 0 }]])],
      ]),
    )
    expect(counter.campaigns.get(1)).toEqual({ impressions: 3, clicks: 0 })
  })
})
