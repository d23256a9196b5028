// Where ad-api cuts time into days. Every campaign's dates and daily cap follow its advertiser's
// time zone (@hexad/contracts/zoned-days, the definition the jobs and console-api use too); the
// UTC dates here only bound the database reads loosely, wide enough for any zone.
import { DAY_MS, dayString } from '@hexad/contracts/time'
import { zonedDay, zonedDayStart } from '@hexad/contracts/zoned-days'

/** UTC dates a day either side of now: every zone's today lies between them. */
export function utcDates(nowMs: number): { yesterday: string; tomorrow: string } {
  return { yesterday: dayString(nowMs - DAY_MS), tomorrow: dayString(nowMs + DAY_MS) }
}

// Windows already worked out, by dates and zone. Each one costs about ten Intl formatToParts
// calls, and every index refresh asks again for every campaign: 1,000 campaigns every 10 s took
// ~3 µs of CPU per request at 3,000 req/s (a CPU profile of the bench). A zone's rules never
// change while the process runs, so neither does a window; bounded in case dates churn.
const windows = new Map<string, Readonly<{ startMs: number; endMs: number }>>()
const MAX_WINDOWS = 10_000

/**
 * The instants a campaign serves between: from 00:00 of its start date to 24:00 of its end date,
 * both in `timeZone` (a Tokyo campaign starting 2026-12-01 starts at 2026-11-30T15:00Z). An
 * unreal date (the database's business, but cheap to guard) gives a window that never opens.
 */
export function campaignWindow(
  startDate: string,
  endDate: string,
  timeZone: string,
): Readonly<{ startMs: number; endMs: number }> {
  const key = `${startDate} ${endDate} ${timeZone}`
  let window = windows.get(key)
  if (!window) {
    if (windows.size >= MAX_WINDOWS) windows.clear()
    // Frozen: every caller with these dates shares it.
    window = Object.freeze(workOutWindow(startDate, endDate, timeZone))
    windows.set(key, window)
  }
  return window
}

function workOutWindow(
  startDate: string,
  endDate: string,
  timeZone: string,
): { startMs: number; endMs: number } {
  const startMs = zonedDayStart(startDate, timeZone)
  const lastDayStart = zonedDayStart(endDate, timeZone)
  if (startMs === undefined || lastDayStart === undefined) return { startMs: Infinity, endMs: 0 }
  return { startMs, endMs: zonedDay(lastDayStart, timeZone).endMs }
}

const todayByZone = new Map<string, { startMs: number; endMs: number }>()

/**
 * When the day in `timeZone` that holds `nowMs` ends: the instant a reader's frequency count
 * starts again. Kept per zone until the day is over, since the answer is asked for on every
 * capped ad and Intl's zone arithmetic is costly per request.
 */
export function zonedDayEnd(nowMs: number, timeZone: string): number {
  let day = todayByZone.get(timeZone)
  if (!day || nowMs >= day.endMs || nowMs < day.startMs) {
    day = zonedDay(nowMs, timeZone)
    todayByZone.set(timeZone, day)
  }
  return day.endMs
}
