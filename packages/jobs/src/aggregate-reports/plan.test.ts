import { describe, expect, it } from 'vitest'
import { planRun } from './plan.ts'

const at = (iso: string) => Date.parse(iso)
const hoursOf = (plan: ReturnType<typeof planRun>) =>
  plan.days.map((d) => `${d.date}:${d.hours.length}`)

describe('planRun', () => {
  it('first run: yesterday and today up to the last settled hour', () => {
    const plan = planRun({
      now: at('2026-11-25T03:20:00Z'),
      settleMinutes: 15,
      watermark: undefined,
    })
    expect(hoursOf(plan)).toEqual(['2026-11-24:24', '2026-11-25:3'])
    expect(plan.nextWatermark).toBe(at('2026-11-25T03:00:00Z'))
  })

  it('waits for an hour to settle', () => {
    const plan = planRun({
      now: at('2026-11-25T03:10:00Z'),
      settleMinutes: 15,
      watermark: undefined,
    })
    expect(plan.nextWatermark).toBe(at('2026-11-25T02:00:00Z'))
  })

  it('resumes from the watermark, recounting the day from its first hour', () => {
    const plan = planRun({
      now: at('2026-11-25T06:30:00Z'),
      settleMinutes: 15,
      watermark: at('2026-11-25T04:00:00Z'),
    })
    expect(hoursOf(plan)).toEqual(['2026-11-25:6'])
    expect(plan.nextWatermark).toBe(at('2026-11-25T06:00:00Z'))
  })

  it('finishes the previous day after midnight', () => {
    const plan = planRun({
      now: at('2026-11-26T01:30:00Z'),
      settleMinutes: 15,
      watermark: at('2026-11-25T23:00:00Z'),
    })
    expect(hoursOf(plan)).toEqual(['2026-11-25:24', '2026-11-26:1'])
  })

  it('does nothing when no new hour is complete', () => {
    const plan = planRun({
      now: at('2026-11-25T06:10:00Z'),
      settleMinutes: 15,
      watermark: at('2026-11-25T05:00:00Z'),
    })
    expect(plan.days).toEqual([])
    expect(plan.nextWatermark).toBeUndefined()
  })

  it('recomputes explicit days without touching the watermark', () => {
    const plan = planRun({
      now: at('2026-11-25T06:30:00Z'),
      settleMinutes: 15,
      watermark: at('2026-11-25T06:00:00Z'),
      from: '2026-11-23',
      to: '2026-11-25',
    })
    expect(hoursOf(plan)).toEqual(['2026-11-23:24', '2026-11-24:24', '2026-11-25:6'])
    expect(plan.nextWatermark).toBeUndefined()
  })

  it('includes the hour in progress only when asked, without moving the watermark past it', () => {
    const plan = planRun({
      now: at('2026-11-25T06:05:00Z'),
      settleMinutes: 15,
      watermark: at('2026-11-25T05:00:00Z'),
      includeCurrentHour: true,
    })
    expect(hoursOf(plan)).toEqual(['2026-11-25:7'])
    expect(plan.nextWatermark).toBeUndefined()
  })

  it('refuses days that are not days', () => {
    const base = { now: at('2026-11-25T06:30:00Z'), settleMinutes: 15, watermark: undefined }
    expect(() => planRun({ ...base, from: '2026-02-30' })).toThrow(/YYYY-MM-DD/)
    expect(() => planRun({ ...base, from: '2026-11-25', to: '2026-11-24' })).toThrow(/before/)
  })
})
