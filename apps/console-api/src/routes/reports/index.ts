import {
  CreativeReport,
  HourlyReport,
  REPORT_RANGES,
  Report,
  ReportQuery,
  type ReportRangeLimits,
} from '@hexad/contracts/console-api'
import { DAY_MS, HOUR_MS, addDays } from '@hexad/contracts/time'
import { zonedDayStart, zonedMinuteString } from '@hexad/contracts/zoned-days'
import { toSqlDate } from '@hexad/db'
import type { FastifyRequest } from 'fastify'
import type { ServiceInstance } from '@hexad/service-kit'
import { findCampaign } from '../../repositories/campaigns.ts'
import {
  creativeCounts,
  dailyCounts,
  hourlyCounts,
  reportsAsOf,
} from '../../repositories/reports.ts'
import { ctr } from '../ctr.ts'
import { errorResponses } from '../error-responses.ts'
import { reportRange } from './range.ts'

/** Every day from `from` to `to`, inclusive, so a chart shows gaps as zeros instead of skipping them. */
function eachDay(from: string, to: string): string[] {
  const days: string[] = []
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY_MS) {
    days.push(toSqlDate(new Date(t)))
  }
  return days
}

/**
 * The start of every local hour of the days `from` to `to` in `timeZone`: 24 a day, 23 or 25 on
 * a clock change. A day starts at a local midnight and its hours follow each other an hour apart,
 * as aggregate-reports cuts them (zonedHourStart).
 */
function eachHour(from: string, to: string, timeZone: string): number[] {
  const last = zonedDayStart(to, timeZone) as number
  // 9999-12-31 is a valid last day whose next day has no date string: it ends a day later.
  const end = zonedDayStart(addDays(to, 1), timeZone) ?? last + DAY_MS
  const hours: number[] = []
  for (let t = zonedDayStart(from, timeZone) as number; t < end; t += HOUR_MS) hours.push(t)
  return hours
}

type Counts = { impressions: number; clicks: number }

const withCtr = <T extends Counts>(row: T) => ({ ...row, ctr: ctr(row.clicks, row.impressions) })

function totalsOf(rows: Counts[]) {
  return withCtr({
    impressions: rows.reduce((sum, r) => sum + r.impressions, 0),
    clicks: rows.reduce((sum, r) => sum + r.clicks, 0),
  })
}

const schema = (summary: string, response: unknown) => ({
  tags: ['reports'],
  summary,
  querystring: ReportQuery,
  response: { 200: response, ...errorResponses },
})

export default async function reportRoutes(app: ServiceInstance) {
  app.addHook('onRequest', app.authenticate)

  /**
   * The report's range and campaign, checked: the range bounded before any work, the campaign
   * (when one is asked for) the advertiser's own, else 404 as for any other tenant's id.
   */
  async function scopeOf(
    request: FastifyRequest<{ Querystring: ReportQuery }>,
    limits: ReportRangeLimits,
  ) {
    const { from, to } = reportRange(request.query, request.auth.timeZone, limits)
    const { campaignId } = request.query
    const { advertiserId } = request.auth
    if (campaignId !== undefined && !(await findCampaign(app.db, advertiserId, campaignId))) {
      throw app.httpErrors.notFound(`Campaign ${campaignId} not found`)
    }
    return { advertiserId, range: { from, to, campaignId }, campaignId: campaignId ?? null }
  }

  app.get('/', { schema: schema('Per day of the advertiser', Report) }, async (request) => {
    const { advertiserId, range, campaignId } = await scopeOf(request, REPORT_RANGES.day)
    const counted = new Map(
      (await dailyCounts(app.db, advertiserId, range)).map((d) => [d.date, d]),
    )
    const days = eachDay(range.from, range.to).map((date) => {
      const { impressions = 0, clicks = 0 } = counted.get(date) ?? {}
      return withCtr({ date, impressions, clicks })
    })
    const { from, to } = range
    return { from, to, campaignId, days, totals: totalsOf(days), asOf: await reportsAsOf(app.db) }
  })

  app.get('/creatives', { schema: schema('Per creative', CreativeReport) }, async (request) => {
    const { advertiserId, range, campaignId } = await scopeOf(request, REPORT_RANGES.creative)
    const creatives = (await creativeCounts(app.db, advertiserId, range)).map(withCtr)
    const { from, to } = range
    return {
      from,
      to,
      campaignId,
      creatives,
      totals: totalsOf(creatives),
      asOf: await reportsAsOf(app.db),
    }
  })

  app.get(
    '/hours',
    { schema: schema('Per hour of the advertiser', HourlyReport) },
    async (request) => {
      const { timeZone } = request.auth
      const { advertiserId, range, campaignId } = await scopeOf(request, REPORT_RANGES.hour)
      const counted = await hourlyCounts(app.db, advertiserId, range)
      const hours = eachHour(range.from, range.to, timeZone).map((start) => {
        const { impressions = 0, clicks = 0 } = counted.get(start) ?? {}
        return withCtr({ hour: zonedMinuteString(start, timeZone), impressions, clicks })
      })
      const { from, to } = range
      return {
        from,
        to,
        campaignId,
        timeZone,
        hours,
        totals: totalsOf(hours),
        asOf: await reportsAsOf(app.db),
      }
    },
  )
}
