// The Reports page's three views of the same counts: by day (daily_stats), by creative and by
// hour (hourly_stats, whose sums the days are). Each view's rows come to one shape, so one table
// and one chart show them all.
import {
  REPORT_RANGES,
  type CreativeReport,
  type HourlyReport,
  type Report,
  type ReportCreative,
  type ReportDay,
} from '@hexad/contracts/console-api'
import {
  fetchCreativeReport,
  fetchHourlyReport,
  fetchReport,
  type ReportFilter,
} from '../api/reports.ts'
import type { MessageKey, Translate } from '../i18n/index.ts'
import { creativeReportCsv, hourlyReportCsv, reportCsv } from '../utils/csv.ts'

export const reportViews = ['day', 'creative', 'hour'] as const
export type ReportView = (typeof reportViews)[number]

export const isReportView = (value: unknown): value is ReportView =>
  (reportViews as readonly unknown[]).includes(value)

/** console-api's bound on a report by hour (a row per hour). */
export const MAX_HOUR_DAYS = REPORT_RANGES.hour.maxDays

/** A view's answer, tagged with the view it is for. */
export type LoadedReport =
  | { view: 'day'; report: Report }
  | { view: 'creative'; report: CreativeReport }
  | { view: 'hour'; report: HourlyReport }

/** One row of any view: what the table's first column and the chart's x axis show, and the counts. */
export interface ReportRow {
  key: string
  label: string
  /** By creative, across campaigns: the creative's campaign. */
  campaign?: string
  impressions: number
  clicks: number
  ctr: number
}

export const dayRow = (day: ReportDay): ReportRow => ({
  key: day.date,
  label: day.date,
  ...counts(day),
})

function creativeRow(creative: ReportCreative, t: Translate): ReportRow {
  return {
    key: `${creative.campaignId}/${creative.creativeId}`,
    label: creative.title ?? t('reports.deletedCreative', { id: creative.creativeId }),
    campaign: creative.campaignName,
    ...counts(creative),
  }
}

/**
 * Hours as the advertiser's clock shows them, `2026-12-01 09:00`; where the clock shows one
 * twice (the day daylight saving ends) both say their offset.
 */
function hourRows(report: HourlyReport): ReportRow[] {
  const wall = (hour: string) => hour.slice(0, 16).replace('T', ' ')
  const seen = new Map<string, number>()
  for (const { hour } of report.hours) seen.set(wall(hour), (seen.get(wall(hour)) ?? 0) + 1)
  return report.hours.map((h) => ({
    key: h.hour,
    label:
      (seen.get(wall(h.hour)) ?? 0) > 1 ? `${wall(h.hour)} (${h.hour.slice(16)})` : wall(h.hour),
    ...counts(h),
  }))
}

const counts = ({ impressions, clicks, ctr }: Omit<ReportRow, 'key' | 'label'>) => ({
  impressions,
  clicks,
  ctr,
})

export function rowsOf(loaded: LoadedReport, t: Translate): ReportRow[] {
  switch (loaded.view) {
    case 'day':
      return loaded.report.days.map(dayRow)
    case 'creative':
      return loaded.report.creatives.map((c) => creativeRow(c, t))
    case 'hour':
      return hourRows(loaded.report)
  }
}

/** The title of the table's first column and of the chart's x axis. */
export function axisTitle(loaded: LoadedReport, t: Translate): string {
  switch (loaded.view) {
    case 'day':
      return t('reports.date')
    case 'creative':
      return t('reports.creative')
    case 'hour':
      return t('reports.hour', { zone: loaded.report.timeZone })
  }
}

export const viewLabels: Record<ReportView, MessageKey> = {
  day: 'reports.byDay',
  creative: 'reports.byCreative',
  hour: 'reports.byHour',
}

export const chartLabels: Record<ReportView, MessageKey> = {
  day: 'reports.chart',
  creative: 'reports.chartByCreative',
  hour: 'reports.chartByHour',
}

export async function loadReport(view: ReportView, filter: ReportFilter): Promise<LoadedReport> {
  switch (view) {
    case 'day':
      return { view, report: await fetchReport(filter) }
    case 'creative':
      return { view, report: await fetchCreativeReport(filter) }
    case 'hour':
      return { view, report: await fetchHourlyReport(filter) }
  }
}

/** The view's CSV and the name to save it as: `hexad-report-<by>-<scope>-<from>-<to>.csv`. */
export function csvFile(loaded: LoadedReport): { name: string; text: string } {
  const { report } = loaded
  const scope = report.campaignId === null ? 'all' : `campaign-${report.campaignId}`
  const by = loaded.view === 'day' ? '' : `by-${loaded.view}-`
  const name = `hexad-report-${by}${scope}-${report.from}-${report.to}.csv`
  switch (loaded.view) {
    case 'day':
      return { name, text: reportCsv(loaded.report) }
    case 'creative':
      return { name, text: creativeReportCsv(loaded.report) }
    case 'hour':
      return { name, text: hourlyReportCsv(loaded.report) }
  }
}
