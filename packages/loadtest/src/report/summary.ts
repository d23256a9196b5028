import type { LoadTestResults } from '../results.ts'
import { formatNumber } from './chart.ts'

export const verdictOf = (r: LoadTestResults) =>
  r.interrupted ? 'INTERRUPTED' : r.passed ? 'PASSED' : 'FAILED'

/** `20 s at 10 connections, unlimited rate, ramp-up 5 s (ran 25.3 s)` */
export function loadLine(r: LoadTestResults): string {
  const { load } = r
  const rate = load.rate === null ? 'unlimited rate' : `${load.rate} req/s`
  const ramp = load.rampUpSeconds ? `, ramp-up ${load.rampUpSeconds} s` : ''
  return `${load.durationSeconds} s at ${load.connections} connections, ${rate}${ramp} (ran ${formatNumber(r.elapsedSeconds)} s)`
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)))
  return rows
    .map((row) =>
      row
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  '),
    )
    .join('\n')
}

/**
 * The plain-text summary: printed at the end of a run and posted to Slack (inside a code block,
 * so the columns line up there too).
 */
export function summaryText(r: LoadTestResults): { title: string; body: string } {
  const n = (v: number | undefined) => (v === undefined ? '-' : formatNumber(v))
  const rows = [['endpoint', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors']]
  for (const e of [...r.endpoints, r.total]) {
    const l = e.latencyMs
    rows.push([
      e.label,
      String(e.requests),
      n(e.rps),
      n(l?.p50),
      n(l?.p90),
      n(l?.p99),
      n(l?.max),
      `${e.errors} (${formatNumber(e.errorRate * 100)}%)`,
    ])
  }
  const thresholds = r.thresholds.map(
    (t) =>
      `${t.passed ? 'ok  ' : 'MISS'} ${t.expression} (${t.actual === null ? 'no data' : `${formatNumber(t.actual)} ${t.unit}`})`,
  )
  return {
    title: `hexad load test ${r.scenario} → ${r.target}: ${verdictOf(r)}`,
    body: [
      loadLine(r),
      '',
      table(rows),
      '',
      ...(thresholds.length ? thresholds : ['no thresholds']),
    ].join('\n'),
  }
}
