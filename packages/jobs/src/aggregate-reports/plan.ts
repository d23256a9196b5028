import { DAY_MS, HOUR_MS, dayString, floorDay, floorHour, parseDay } from '@hexad/contracts/time'
import { UsageError } from '../shared/cli.ts'

export interface PlanInput {
  now: number
  /** How long after an hour ends its files are complete (fluentd's timekey_wait and flush). */
  settleMinutes: number
  /** End (exclusive) of the hours already aggregated, from job_watermarks. */
  watermark: number | undefined
  /** Explicit days 'YYYY-MM-DD' (inclusive); without them, resume from the watermark. */
  from?: string | undefined
  to?: string | undefined
  /** Also count the hour in progress (local development); never moves the watermark past it. */
  includeCurrentHour?: boolean | undefined
}

export interface DayPlan {
  date: string
  /** Start of each hour to read, in order, always from the day's first hour. */
  hours: number[]
}

export interface Plan {
  days: DayPlan[]
  /** End (exclusive) of the hours read. */
  end: number
  /** The watermark to store when the run succeeds; undefined leaves it alone. */
  nextWatermark: number | undefined
}

/**
 * Which days to (re)compute. daily_stats rows are set, not incremented, so a day is always counted
 * from its first hour to the last one available: running the same range twice writes the same
 * numbers, and files that arrived late for an earlier hour of the day are picked up. The hourly
 * CronJob thus rereads today's earlier hours; that is the price of idempotency without a per-hour
 * table, and cheap at this product's volume (see the README's figures).
 */
export function planRun(input: PlanInput): Plan {
  const complete = floorHour(input.now - input.settleMinutes * 60_000)
  const end = input.includeCurrentHour ? floorHour(input.now) + HOUR_MS : complete
  let start: number
  let stop: number
  let nextWatermark: number | undefined
  if (input.from !== undefined || input.to !== undefined) {
    const from = parseDay(input.from ?? input.to ?? '')
    const to = parseDay(input.to ?? input.from ?? '')
    if (from === undefined || to === undefined) {
      throw new UsageError('--from and --to take a UTC day as YYYY-MM-DD')
    }
    if (to < from) throw new UsageError('--to is before --from')
    start = from
    stop = Math.min(to + DAY_MS, end)
    nextWatermark = undefined // a backfill is not the schedule's business
  } else {
    // First run ever: yesterday and today so far.
    start = input.watermark ?? floorDay(complete - DAY_MS)
    stop = end
    nextWatermark =
      input.watermark === undefined || complete > input.watermark ? complete : undefined
  }
  const days: DayPlan[] = []
  if (start >= stop) return { days, end: stop, nextWatermark }
  for (let day = floorDay(start); day < stop; day += DAY_MS) {
    const hours: number[] = []
    for (let hour = day; hour < Math.min(day + DAY_MS, stop); hour += HOUR_MS) hours.push(hour)
    days.push({ date: dayString(day), hours })
  }
  return { days, end: stop, nextWatermark }
}
