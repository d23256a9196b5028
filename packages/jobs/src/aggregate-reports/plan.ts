import { DAY_MS, HOUR_MS, addDays, floorHour, parseDay } from '@hexad/contracts/time'
import { DEFAULT_TIME_ZONE, zonedDay, zonedDayStart } from '@hexad/contracts/zoned-days'
import { UsageError } from '../shared/cli.ts'

export interface PlanInput {
  now: number
  /**
   * How long after a record is written it is surely readable: fluentd's timekey + timekey_wait +
   * upload in S3 (see the README's arithmetic), the writer's flush interval for a local folder.
   */
  settleMs: number
  /** Every record written before this time is counted (job_watermarks); undefined: first run. */
  watermark: number | undefined
  /** Hours before a day's first hour whose ids still de-duplicate it (DayCounter's window). */
  windowHours: number
  /**
   * The advertisers' time zones: daily_stats days are days in each campaign's zone, so each
   * zone's days are planned (and read) on their own. Default: UTC alone.
   */
  timeZones?: readonly string[]
  /** Explicit days 'YYYY-MM-DD' (inclusive, in each zone); without them, resume from the watermark. */
  from?: string | undefined
  to?: string | undefined
}

export interface DayPlan {
  /** The day in `timeZone`: the records of that zone's campaigns from startMs to endMs. */
  date: string
  timeZone: string
  startMs: number
  endMs: number
  /** The last `windowHours` hours of the day before: read to seed the de-duplication only. */
  seedHours: number[]
  /** Start of each hour to count, in order, always from the hour of the day's first instant. */
  hours: number[]
}

export interface Plan {
  days: DayPlan[]
  /** End (exclusive) of the hours read: the end of the hour in progress at most. */
  end: number
  /** The watermark to store when the run succeeds; undefined leaves it alone. */
  nextWatermark: number | undefined
  windowHours: number
}

/**
 * Which days to (re)compute. daily_stats rows are set, not incremented, so a day is always counted
 * from its first hour to the hour in progress, whatever has arrived of it: running the same range
 * twice writes the same numbers, a later run picks up what arrived since (the rest of the current
 * hour, late files for an earlier one). The watermark is the run's time less `settleMs`: every
 * record written before it had reached the input when the run started, which is what the
 * console's "as of" says. The next scheduled run recounts every day from the watermark's day on;
 * a day is final after the first run whose watermark passed its end.
 */
export function planRun(input: PlanInput): Plan {
  const complete = input.now - input.settleMs
  const end = floorHour(input.now) + HOUR_MS
  let stop: number
  let nextWatermark: number | undefined
  let firstDay: (timeZone: string) => string
  let lastDay: (timeZone: string) => string
  if (input.from !== undefined || input.to !== undefined) {
    const from = input.from ?? input.to ?? ''
    const to = input.to ?? input.from ?? ''
    if (parseDay(from) === undefined || parseDay(to) === undefined) {
      throw new UsageError('--from and --to take a day as YYYY-MM-DD')
    }
    if (to < from) throw new UsageError('--to is before --from')
    firstDay = () => from
    lastDay = (timeZone) => minDay(to, zonedDay(end - 1, timeZone).day)
    stop = end
    nextWatermark = undefined // a backfill is not the schedule's business
  } else {
    // First run ever: yesterday and today so far (in each zone).
    const start = input.watermark ?? complete - DAY_MS
    firstDay = (timeZone) => zonedDay(start, timeZone).day
    lastDay = (timeZone) => zonedDay(end - 1, timeZone).day
    stop = end
    nextWatermark =
      input.watermark === undefined || complete > input.watermark ? complete : undefined
  }
  const days: DayPlan[] = []
  for (const timeZone of input.timeZones ?? [DEFAULT_TIME_ZONE]) {
    const last = lastDay(timeZone)
    for (let date = firstDay(timeZone); date <= last; date = addDays(date, 1)) {
      const startMs = zonedDayStart(date, timeZone) as number
      const endMs = zonedDayStart(addDays(date, 1), timeZone) as number
      const first = floorHour(startMs)
      const hours: number[] = []
      for (let hour = first; hour < Math.min(endMs, stop); hour += HOUR_MS) hours.push(hour)
      const seedHours: number[] = []
      for (let hour = first - input.windowHours * HOUR_MS; hour < first; hour += HOUR_MS) {
        seedHours.push(hour)
      }
      days.push({ date, timeZone, startMs, endMs, seedHours, hours })
    }
  }
  return { days, end: stop, nextWatermark, windowHours: input.windowHours }
}

function minDay(a: string, b: string): string {
  return a < b ? a : b
}

/** The de-duplication window for a token lifetime: the hours two records of one request span. */
export function windowHoursFor(tokenTtlSeconds: number): number {
  return Math.max(1, Math.ceil((tokenTtlSeconds * 1000) / HOUR_MS))
}
