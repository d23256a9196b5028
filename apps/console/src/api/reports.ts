import type { Report } from '@hexad/contracts/console-api'
import { request } from './http.ts'

/** The reports page's choice, always with a range; null is every campaign (sent as ReportQuery). */
export interface ReportFilter {
  from: string
  to: string
  campaignId: number | null
}

export function fetchReport({ from, to, campaignId }: ReportFilter) {
  const query = new URLSearchParams({ from, to })
  if (campaignId !== null) query.set('campaignId', String(campaignId))
  return request<Report>('GET', `/api/reports?${query}`)
}
