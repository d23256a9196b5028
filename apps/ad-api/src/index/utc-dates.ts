import { DAY_MS } from '@hexad/contracts/time'
import { toSqlDate } from '@hexad/db'

export function utcDates(nowMs: number) {
  return {
    yesterday: toSqlDate(new Date(nowMs - DAY_MS)),
    today: toSqlDate(new Date(nowMs)),
    tomorrow: toSqlDate(new Date(nowMs + DAY_MS)),
  }
}

/** Today's UTC date, formatted once per day rather than once per request (the hot path). */
export function todayCache(now: () => number = Date.now): () => string {
  let validUntil = 0
  let today = ''
  return () => {
    const nowMs = now()
    if (nowMs >= validUntil || nowMs < validUntil - DAY_MS) {
      today = toSqlDate(new Date(nowMs))
      validUntil = (Math.floor(nowMs / DAY_MS) + 1) * DAY_MS
    }
    return today
  }
}
