import type { CreativeReport, HourlyReport, Report } from '@hexad/contracts/console-api'

// RFC 4180: quote a field when it holds a separator, a quote or a line break.
function field(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** CTR as a ratio to 4 decimals (0.0217 is 2.17 %): what a person reads, what a sum needs. */
const ratio = (ctr: number) => Math.round(ctr * 10_000) / 10_000

interface Counts {
  impressions: number
  clicks: number
  ctr: number
}

/**
 * A report as CSV (CRLF line ends, a totals row last): what spreadsheets open as-is. The columns
 * naming each row come first, then the counts; column names stay English whatever the UI
 * language, so scripts reading the file keep working.
 */
function countsCsv<Row extends Counts>(
  keyColumns: string[],
  rows: Row[],
  keys: (row: Row) => (string | number)[],
  totals: Counts,
): string {
  const counts = (c: Counts) => [c.impressions, c.clicks, ratio(c.ctr)]
  const lines: (string | number)[][] = [
    [...keyColumns, 'impressions', 'clicks', 'ctr'],
    ...rows.map((row) => [...keys(row), ...counts(row)]),
    ['total', ...keyColumns.slice(1).map(() => ''), ...counts(totals)],
  ]
  return lines.map((line) => line.map(field).join(',')).join('\r\n') + '\r\n'
}

/** Per day: `date`. */
export function reportCsv(report: Report): string {
  return countsCsv(['date'], report.days, (d) => [d.date], report.totals)
}

/** Per creative: its id and title (empty once deleted), its campaign's id and name. */
export function creativeReportCsv(report: CreativeReport): string {
  return countsCsv(
    ['creative_id', 'creative', 'campaign_id', 'campaign'],
    report.creatives,
    (c) => [c.creativeId, c.title ?? '', c.campaignId, c.campaignName],
    report.totals,
  )
}

/** Per hour: its start on the advertiser's clock with the offset (`2026-12-01T09:00+09:00`). */
export function hourlyReportCsv(report: HourlyReport): string {
  return countsCsv(['hour'], report.hours, (h) => [h.hour], report.totals)
}

export function downloadText(fileName: string, text: string, type = 'text/csv'): void {
  // A BOM so that Excel reads UTF-8 (campaign names are often Japanese).
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  URL.revokeObjectURL(url)
}
