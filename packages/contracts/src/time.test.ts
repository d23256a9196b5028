import { describe, expect, it } from 'vitest'
import {
  DAY_MS,
  HOUR_MS,
  dayString,
  floorDay,
  floorHour,
  hourString,
  isoHour,
  parseDay,
} from './time.ts'

describe('time', () => {
  const t = Date.parse('2026-11-25T21:54:52.527Z')

  it('floors to the UTC hour and day', () => {
    expect(isoHour(floorHour(t))).toBe('2026-11-25T21:00:00Z')
    expect(isoHour(floorDay(t))).toBe('2026-11-25T00:00:00Z')
    expect(DAY_MS).toBe(24 * HOUR_MS)
  })

  it('formats days and hours in UTC', () => {
    expect(dayString(t)).toBe('2026-11-25')
    expect(hourString(t)).toBe('21')
  })

  it('parses only real days', () => {
    expect(parseDay('2026-11-25')).toBe(floorDay(t))
    expect(parseDay('2026-02-30')).toBeUndefined()
    expect(parseDay('2026-1-5')).toBeUndefined()
    expect(parseDay('-000001-12-31')).toBeUndefined()
  })
})
