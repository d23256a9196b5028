import type { Report } from '@hexad/contracts/console-api'

// RFC 4180: quote a field when it holds a separator, a quote or a line break.
function field(value: string | number): string {
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** CTR as a ratio to 4 decimals (0.0217 is 2.17 %): what a person reads, what a sum needs. */
const ratio = (ctr: number) => Math.round(ctr * 10_000) / 10_000

/**
 * The report as CSV (CRLF line ends, a totals row last): what spreadsheets open as-is. Column
 * names stay English whatever the UI language, so scripts reading the file keep working.
 */
export function reportCsv(report: Report): string {
  const rows: (string | number)[][] = [
    ['date', 'impressions', 'clicks', 'ctr'],
    ...report.days.map((d) => [d.date, d.impressions, d.clicks, ratio(d.ctr)]),
    ['total', report.totals.impressions, report.totals.clicks, ratio(report.totals.ctr)],
  ]
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n'
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
