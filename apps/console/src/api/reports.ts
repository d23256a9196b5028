import type { Report } from '@hexad/contracts/console-api'
import { request } from './http.ts'

export interface ReportQuery {
  from: string
  to: string
  campaignId: number | null
}

export function fetchReport({ from, to, campaignId }: ReportQuery) {
  const query = new URLSearchParams({ from, to })
  if (campaignId !== null) query.set('campaignId', String(campaignId))
  return request<Report>('GET', `/api/reports?${query}`)
}
