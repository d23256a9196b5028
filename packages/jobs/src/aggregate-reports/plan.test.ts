import { describe, expect, it } from 'vitest'
import { planRun, windowHoursFor } from './plan.ts'

const at = (iso: string) => Date.parse(iso)
const MINUTE = 60_000
const hoursOf = (plan: ReturnType<typeof planRun>) =>
  plan.days.map((d) => `${d.date}:${d.hours.length}`)
const base = { settleMs: 10 * MINUTE, windowHours: 1 }

describe('planRun', () => {
  it('first run: yesterday and today up to the hour in progress', () => {
    const plan = planRun({ ...base, now: at('2026-11-25T03:20:00Z'), watermark: undefined })
    expect(hoursOf(plan)).toEqual(['2026-11-24:24', '2026-11-25:4'])
    expect(plan.end).toBe(at('2026-11-25T04:00:00Z'))
    expect(plan.nextWatermark).toBe(at('2026-11-25T03:10:00Z'))
  })

  it('moves the watermark to the run time less the settle time', () => {
    const plan = planRun({
      ...base,
      now: at('2026-11-25T03:04:30Z'),
      watermark: at('2026-11-25T02:50:00Z'),
    })
    expect(hoursOf(plan)).toEqual(['2026-11-25:4'])
    expect(plan.nextWatermark).toBe(at('2026-11-25T02:54:30Z'))
  })

  it('resumes from the watermark, recounting its day from the first hour', () => {
    const plan = planRun({
      ...base,
      now: at('2026-11-25T06:30:00Z'),
      watermark: at('2026-11-25T04:00:00Z'),
    })
    expect(hoursOf(plan)).toEqual(['2026-11-25:7'])
    expect(plan.nextWatermark).toBe(at('2026-11-25T06:20:00Z'))
  })

  it('recounts the previous day until the watermark has passed its end', () => {
    const before = planRun({
      ...base,
      now: at('2026-11-26T00:05:00Z'),
      watermark: at('2026-11-25T23:50:00Z'),
    })
    expect(hoursOf(before)).toEqual(['2026-11-25:24', '2026-11-26:1'])
    expect(before.nextWatermark).toBe(at('2026-11-25T23:55:00Z'))
    const final = planRun({
      ...base,
      now: at('2026-11-26T00:15:00Z'),
      watermark: before.nextWatermark,
    })
    expect(hoursOf(final)).toEqual(['2026-11-25:24', '2026-11-26:1'])
    expect(final.nextWatermark).toBe(at('2026-11-26T00:05:00Z'))
    const after = planRun({
      ...base,
      now: at('2026-11-26T00:20:00Z'),
      watermark: final.nextWatermark,
    })
    expect(hoursOf(after)).toEqual(['2026-11-26:1'])
  })

  it('seeds each day with the end of the day before, as wide as the window', () => {
    const plan = planRun({
      ...base,
      windowHours: 2,
      now: at('2026-11-26T01:30:00Z'),
      watermark: at('2026-11-25T23:00:00Z'),
    })
    expect(plan.days.map((d) => d.seedHours.map((h) => new Date(h).toISOString()))).toEqual([
      ['2026-11-24T22:00:00.000Z', '2026-11-24T23:00:00.000Z'],
      ['2026-11-25T22:00:00.000Z', '2026-11-25T23:00:00.000Z'],
    ])
    expect(plan.windowHours).toBe(2)
  })

  it('never moves the watermark back', () => {
    const plan = planRun({
      ...base,
      now: at('2026-11-25T06:10:00Z'),
      watermark: at('2026-11-25T06:05:00Z'),
    })
    expect(hoursOf(plan)).toEqual(['2026-11-25:7'])
    expect(plan.nextWatermark).toBeUndefined()
  })

  it('recomputes explicit days without touching the watermark', () => {
    const plan = planRun({
      ...base,
      now: at('2026-11-25T06:30:00Z'),
      watermark: at('2026-11-25T06:00:00Z'),
      from: '2026-11-23',
      to: '2026-11-25',
    })
    expect(hoursOf(plan)).toEqual(['2026-11-23:24', '2026-11-24:24', '2026-11-25:7'])
    expect(plan.nextWatermark).toBeUndefined()
  })

  it("plans each zone's own days: a Tokyo day runs from 15:00 UTC the day before", () => {
    const plan = planRun({
      ...base,
      timeZones: ['Asia/Tokyo', 'UTC'],
      now: at('2026-11-25T03:20:00Z'),
      watermark: undefined,
    })
    expect(plan.days.map((d) => `${d.timeZone} ${d.date}:${d.hours.length}`)).toEqual([
      'Asia/Tokyo 2026-11-24:24',
      'Asia/Tokyo 2026-11-25:13',
      'UTC 2026-11-24:24',
      'UTC 2026-11-25:4',
    ])
    const [tokyo] = plan.days
    expect(new Date(tokyo!.hours[0]!).toISOString()).toBe('2026-11-23T15:00:00.000Z')
    expect(tokyo!.endMs).toBe(at('2026-11-24T15:00:00Z'))
    expect(new Date(tokyo!.seedHours[0]!).toISOString()).toBe('2026-11-23T14:00:00.000Z')
  })

  it('refuses days that are not days', () => {
    const input = { ...base, now: at('2026-11-25T06:30:00Z'), watermark: undefined }
    expect(() => planRun({ ...input, from: '2026-02-30' })).toThrow(/YYYY-MM-DD/)
    expect(() => planRun({ ...input, from: '2026-11-25', to: '2026-11-24' })).toThrow(/before/)
  })
})

describe('windowHoursFor', () => {
  it('covers the token lifetime in whole hours, one at least', () => {
    expect(windowHoursFor(3600)).toBe(1)
    expect(windowHoursFor(60)).toBe(1)
    expect(windowHoursFor(3601)).toBe(2)
    expect(windowHoursFor(7 * 86_400)).toBe(168)
  })
})
