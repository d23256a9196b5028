import type { ReportQuery, ReportRangeLimits } from '@hexad/contracts/console-api'
import { DAY_MS, addDays } from '@hexad/contracts/time'
import { zonedDayString } from '@hexad/contracts/zoned-days'
import { InvalidInputError } from '@hexad/service-kit'

/**
 * The report's days, from the query or its defaults, checked: in order and at most `maxDays`,
 * counted from the two dates before any list of days or hours exists (the range sizes the work).
 * Days are the advertiser's (the report job writes them that way): "today" is today there.
 */
export function reportRange(
  query: ReportQuery,
  timeZone: string,
  limits: ReportRangeLimits,
): { from: string; to: string } {
  const to = query.to ?? zonedDayString(Date.now(), timeZone)
  const from = query.from ?? addDays(to, -(limits.defaultDays - 1))
  if (from > to)
    throw new InvalidInputError([
      {
        in: 'querystring',
        field: 'to',
        rule: 'endBeforeStart',
        message: 'must be on or after the from day',
      },
    ])
  if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > limits.maxDays) {
    throw new InvalidInputError([
      {
        in: 'querystring',
        field: 'from',
        rule: 'rangeTooLong',
        params: { maxDays: limits.maxDays },
        message: `must be at most ${limits.maxDays} days before to, both counted`,
      },
    ])
  }
  return { from, to }
}
