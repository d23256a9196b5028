import { describe, expect, it } from 'vitest'
import { HOUR_MS } from './time.ts'
import {
  isTimeZone,
  zonedDay,
  zonedDayStart,
  zonedDayString,
  zonedHourStart,
  zonedMinuteString,
  zoneOffsetMs,
} from './zoned-days.ts'

const at = (iso: string) => Date.parse(iso)
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString())

describe('advertisers’ days in their time zone', () => {
  it('starts a Tokyo day at 00:00 JST, 15:00 UTC the day before', () => {
    expect(iso(zonedDayStart('2026-12-01', 'Asia/Tokyo'))).toBe('2026-11-30T15:00:00.000Z')
    expect(zonedDayString(at('2026-11-30T14:59:59.999Z'), 'Asia/Tokyo')).toBe('2026-11-30')
    expect(zonedDayString(at('2026-11-30T15:00:00.000Z'), 'Asia/Tokyo')).toBe('2026-12-01')
    expect(zoneOffsetMs(at('2026-12-01T00:00:00Z'), 'Asia/Tokyo')).toBe(9 * HOUR_MS)
  })

  it('keeps UTC days as they were', () => {
    expect(iso(zonedDayStart('2026-12-01', 'UTC'))).toBe('2026-12-01T00:00:00.000Z')
    expect(zonedDay(at('2026-12-01T23:59:59.999Z'), 'UTC')).toEqual({
      day: '2026-12-01',
      startMs: at('2026-12-01T00:00:00Z'),
      endMs: at('2026-12-02T00:00:00Z'),
    })
  })

  it('gives daylight-saving days 23 and 25 hours', () => {
    const spring = zonedDay(at('2026-03-08T12:00:00Z'), 'America/New_York')
    expect(iso(spring.startMs)).toBe('2026-03-08T05:00:00.000Z')
    expect((spring.endMs - spring.startMs) / HOUR_MS).toBe(23)
    const autumn = zonedDay(at('2026-11-01T12:00:00Z'), 'America/New_York')
    expect(iso(autumn.startMs)).toBe('2026-11-01T04:00:00.000Z')
    expect((autumn.endMs - autumn.startMs) / HOUR_MS).toBe(25)
  })

  it('starts a day whose midnight is skipped at its first instant', () => {
    // Chile moves from 00:00 to 01:00 on the first Sunday of September.
    const start = zonedDayStart('2026-09-06', 'America/Santiago')!
    expect(zonedDayString(start, 'America/Santiago')).toBe('2026-09-06')
    expect(zonedDayString(start - 1000, 'America/Santiago')).toBe('2026-09-05')
  })

  it('refuses days and zones that do not exist', () => {
    expect(zonedDayStart('2026-02-30', 'Asia/Tokyo')).toBeUndefined()
    expect(isTimeZone('Asia/Tokyo')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
    expect(isTimeZone('')).toBe(false)
  })

  it('cuts a day into its local hours: half hours in Kolkata, two 01:00s on a 25-hour day', () => {
    expect(iso(zonedHourStart(at('2026-12-01T05:59:59Z'), 'Asia/Tokyo'))).toBe(
      '2026-12-01T05:00:00.000Z',
    )
    expect(iso(zonedHourStart(at('2026-12-01T05:10:00Z'), 'Asia/Kolkata'))).toBe(
      '2026-12-01T04:30:00.000Z',
    )
    expect(zonedMinuteString(at('2026-12-01T04:30:00Z'), 'Asia/Kolkata')).toBe(
      '2026-12-01T10:00+05:30',
    )
    const first = zonedHourStart(at('2026-11-01T05:30:00Z'), 'America/New_York')
    const second = zonedHourStart(at('2026-11-01T06:30:00Z'), 'America/New_York')
    expect([first, second].map((ms) => zonedMinuteString(ms, 'America/New_York'))).toEqual([
      '2026-11-01T01:00-04:00',
      '2026-11-01T01:00-05:00',
    ])
    expect(zonedMinuteString(at('2026-12-01T00:00:00Z'), 'UTC')).toBe('2026-12-01T00:00+00:00')
  })
})
