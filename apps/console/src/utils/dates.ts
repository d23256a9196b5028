// Calendar dates as the API speaks them (YYYY-MM-DD): days in the advertiser's time zone (the
// session's user.timeZone), whatever the browser's own zone is, with the same definition
// console-api, ad-api and the report job use.
export { addDays } from '@hexad/contracts/time'
import { zonedDayString } from '@hexad/contracts/zoned-days'

/** Today in `timeZone`. */
export function todayIn(timeZone: string, now = Date.now()): string {
  return zonedDayString(now, timeZone)
}
