// Time as every boundary speaks it: epoch milliseconds in code, UTC hours for analytics files and
// S3 keys, `YYYY-MM-DD` days for daily_stats and the API. One definition, so an off-by-one hour in
// one place cannot disagree with another.

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS

/** The first millisecond of the UTC hour containing `ms`. */
export function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS
}

/** The first millisecond of the UTC day containing `ms`. */
export function floorDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS
}

/** `YYYY-MM-DD` of the UTC day containing `ms`. */
export function dayString(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

/** `HH` of the UTC hour containing `ms`. */
export function hourString(ms: number): string {
  return new Date(ms).toISOString().slice(11, 13)
}

/** The first millisecond of a `YYYY-MM-DD` day, or undefined when it is not a real day. */
export function parseDay(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined
  const ms = Date.parse(`${text}T00:00:00Z`)
  return Number.isNaN(ms) || dayString(ms) !== text ? undefined : ms
}

/** The day `days` after `day` (before, when negative); a day that is not real is a RangeError. */
export function addDays(day: string, days: number): string {
  return dayString((parseDay(day) ?? Number.NaN) + days * DAY_MS)
}

/** An hour as ISO text for summaries and messages: `2026-11-25T03:00:00Z`. */
export function isoHour(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}
