import { Report, ReportQuery } from '@hexad/contracts/console-api'
import { DAY_MS } from '@hexad/contracts/time'
import { zonedDayString } from '@hexad/contracts/zoned-days'
import { toSqlDate } from '@hexad/db'
import { InvalidInputError, type ServiceInstance } from '@hexad/service-kit'
import { findCampaign } from '../../repositories/campaigns.ts'
import { dailyCounts, reportsAsOf } from '../../repositories/reports.ts'
import { ctr } from '../ctr.ts'
import { errorResponses } from '../error-responses.ts'

const MAX_DAYS = 366
const DEFAULT_DAYS = 30

/** Every day from `from` to `to`, inclusive, so a chart shows gaps as zeros instead of skipping them. */
function eachDay(from: string, to: string): string[] {
  const days: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    days.push(toSqlDate(new Date(t)))
  }
  return days
}

export default async function reportRoutes(app: ServiceInstance) {
  app.addHook('onRequest', app.authenticate)

  app.get(
    '/',
    {
      schema: {
        tags: ['reports'],
        querystring: ReportQuery,
        response: { 200: Report, ...errorResponses },
      },
    },
    async (request) => {
      // Days are the advertiser's (daily_stats is written that way): "today" is today there.
      const to = request.query.to ?? zonedDayString(Date.now(), request.auth.timeZone)
      const from =
        request.query.from ??
        toSqlDate(new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_DAYS - 1) * DAY_MS))
      if (from > to)
        throw new InvalidInputError([
          {
            in: 'querystring',
            field: 'to',
            rule: 'endBeforeStart',
            message: 'must be on or after the from day',
          },
        ])
      // Counted from the two dates, before any list of days exists: the range is what sizes the work.
      if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_DAYS) {
        throw new InvalidInputError([
          {
            in: 'querystring',
            field: 'from',
            rule: 'rangeTooLong',
            params: { maxDays: MAX_DAYS },
            message: `must be at most ${MAX_DAYS} days before to, both counted`,
          },
        ])
      }
      const { campaignId } = request.query
      const { advertiserId } = request.auth
      if (campaignId !== undefined && !(await findCampaign(app.db, advertiserId, campaignId))) {
        throw app.httpErrors.notFound(`Campaign ${campaignId} not found`)
      }

      const counted = new Map(
        (await dailyCounts(app.db, advertiserId, { from, to, campaignId })).map((d) => [d.date, d]),
      )
      const days = eachDay(from, to).map((date) => {
        const { impressions = 0, clicks = 0 } = counted.get(date) ?? {}
        return { date, impressions, clicks, ctr: ctr(clicks, impressions) }
      })
      const impressions = days.reduce((sum, d) => sum + d.impressions, 0)
      const clicks = days.reduce((sum, d) => sum + d.clicks, 0)
      return {
        from,
        to,
        campaignId: campaignId ?? null,
        days,
        totals: { impressions, clicks, ctr: ctr(clicks, impressions) },
        asOf: await reportsAsOf(app.db),
      }
    },
  )
}
