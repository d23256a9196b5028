// Advertisers' days: campaign start/end dates, daily caps, pacing and report days all follow the
// advertiser's IANA time zone (a Tokyo campaign "starting 12-01" starts at 00:00 JST, which is
// 15:00 UTC the day before). One definition here, used by console-api, ad-api and the jobs, so the
// day a cap resets and the day a report counts cannot disagree.
// Built on Intl (the ICU data Node ships), not a date library: it is the same tz database, kept
// current with every Node release, at no bundle cost in the console.
import { DAY_MS, HOUR_MS, addDays, parseDay } from './time.ts'

export const DEFAULT_TIME_ZONE = 'UTC'

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone)
  if (!format) {
    // en-CA with h23 gives "2026-12-01, 09:05:07": fixed fields, no locale surprises.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, format)
  }
  return format
}

/** True when `name` is an IANA time zone this runtime knows (`Asia/Tokyo`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false
  try {
    formatter(name)
    return true
  } catch {
    return false
  }
}

/** The wall-clock fields of instant `ms` in `timeZone`, as if they were UTC (milliseconds dropped). */
function wallClockAsUtc(ms: number, timeZone: string): number {
  const field: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {}
  for (const part of formatter(timeZone).formatToParts(ms)) field[part.type] = Number(part.value)
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = field
  return Date.UTC(year, month - 1, day, hour, minute, second)
}

/** The zone's offset from UTC at instant `ms`, in milliseconds (Tokyo: +9 h). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000
  return wallClockAsUtc(whole, timeZone) - whole
}

/** `YYYY-MM-DD` of the day containing instant `ms` in `timeZone`. */
export function zonedDayString(ms: number, timeZone: string): string {
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 10)
}

/**
 * The first instant of day `day` (`YYYY-MM-DD`) in `timeZone`, or undefined when `day` is not a
 * real day. Where a daylight-saving change skips midnight (Santiago, Beirut), the day starts at
 * the first instant that carries its date.
 */
export function zonedDayStart(day: string, timeZone: string): number | undefined {
  const midnightAsUtc = parseDay(day)
  if (midnightAsUtc === undefined) return undefined
  // Two rounds settle the offset on either side of a change; offsets move by at most a day.
  let start = midnightAsUtc - zoneOffsetMs(midnightAsUtc, timeZone)
  start = midnightAsUtc - zoneOffsetMs(start, timeZone)
  if (zonedDayString(start, timeZone) === day) {
    // An earlier instant may carry the date too when the offset fell back across midnight.
    const earlier = midnightAsUtc - zoneOffsetMs(start - HOUR_MS, timeZone)
    return earlier < start && zonedDayString(earlier, timeZone) === day ? earlier : start
  }
  // Midnight does not exist: find the transition, the first instant whose date is `day`.
  let before = start
  let after = start + DAY_MS
  while (after - before > 1000) {
    const middle = before + Math.floor((after - before) / 2)
    if (zonedDayString(middle, timeZone) === day) after = middle
    else before = middle
  }
  return after
}

/** The day containing instant `ms` in `timeZone`: its date and its [startMs, endMs) bounds. */
export function zonedDay(
  ms: number,
  timeZone: string,
): { day: string; startMs: number; endMs: number } {
  const day = zonedDayString(ms, timeZone)
  const startMs = zonedDayStart(day, timeZone) as number
  return { day, startMs, endMs: zonedDayStart(addDays(day, 1), timeZone) as number }
}

/**
 * The instant the local hour containing `ms` began in `timeZone`: a whole UTC hour in most zones,
 * the half hour in Kolkata. The hours a report by hour counts in (aggregate-reports' hourly_stats).
 */
export function zonedHourStart(ms: number, timeZone: string): number {
  const local = ms + zoneOffsetMs(ms, timeZone)
  return ms - (((local % HOUR_MS) + HOUR_MS) % HOUR_MS)
}

/**
 * Instant `ms` as the wall clock in `timeZone` shows it, to the minute, with the offset:
 * `2026-12-01T09:00+09:00`. One string is both the local time and the instant, so a 25-hour
 * day's two 01:00s stay apart (`-04:00`, then `-05:00`).
 */
export function zonedMinuteString(ms: number, timeZone: string): string {
  const offset = zoneOffsetMs(ms, timeZone)
  const minutes = Math.round(Math.abs(offset) / 60_000)
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0')
  const mm = String(minutes % 60).padStart(2, '0')
  const wall = new Date(ms + offset).toISOString().slice(0, 16)
  return `${wall}${offset < 0 ? '-' : '+'}${hh}:${mm}`
}
