import type { CreativeReport, HourlyReport, Report } from '@hexad/contracts/console-api'
import { request } from './http.ts'

/** The reports page's choice, always with a range; null is every campaign (sent as ReportQuery). */
export interface ReportFilter {
  from: string
  to: string
  campaignId: number | null
}

function reportQuery({ from, to, campaignId }: ReportFilter): URLSearchParams {
  const query = new URLSearchParams({ from, to })
  if (campaignId !== null) query.set('campaignId', String(campaignId))
  return query
}

/** Per advertiser's day. */
export function fetchReport(filter: ReportFilter) {
  return request<Report>('GET', `/api/reports?${reportQuery(filter)}`)
}

/** Per creative with traffic in the range, busiest first. */
export function fetchCreativeReport(filter: ReportFilter) {
  return request<CreativeReport>('GET', `/api/reports/creatives?${reportQuery(filter)}`)
}

/** Per hour of the advertiser's days (at most 31 of them). */
export function fetchHourlyReport(filter: ReportFilter) {
  return request<HourlyReport>('GET', `/api/reports/hours?${reportQuery(filter)}`)
}
