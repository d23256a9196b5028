import type { EndpointResult, LoadTestResults, TimelinePoint } from '../results.ts'
import { escapeHtml as esc, formatNumber, lineChart, PALETTE, type Series } from './chart.ts'
import { loadLine, verdictOf } from './summary.ts'

const color = (i: number) => PALETTE[i % PALETTE.length] ?? '#000'
const ms = (v: number | undefined) => (v === undefined ? '–' : formatNumber(v))

function seriesOf(
  name: string,
  i: number,
  timeline: TimelinePoint[],
  value: (p: TimelinePoint) => number | null,
): Series {
  return { name, color: color(i), points: timeline.map((p) => [p.t, value(p)]) }
}

function summaryRow(e: EndpointResult): string {
  const l = e.latencyMs
  const codes = Object.entries(e.statusCodes)
    .map(([code, n]) => `${code}: ${n}`)
    .join(', ')
  return `<tr><th scope="row">${esc(e.label)}</th><td>${e.requests}</td><td>${formatNumber(e.rps)}</td>
<td>${ms(l?.p50)}</td><td>${ms(l?.p90)}</td><td>${ms(l?.p99)}</td><td>${ms(l?.max)}</td>
<td class="${e.errors ? 'bad' : ''}">${e.errors} (${formatNumber(e.errorRate * 100)} %)</td><td>${esc(codes)}</td></tr>`
}

function endpointSection(e: EndpointResult, xMax: number, bucketSeconds: number): string {
  const latency = lineChart({
    title: `${e.label}: latency`,
    unit: ' ms',
    xMax,
    series: (['p50', 'p90', 'p99', 'max'] as const).map((k, i) =>
      seriesOf(k, i, e.timeline, (p) => p[k]),
    ),
  })
  const codes = Object.keys(e.statusCodes).sort()
  const statuses = lineChart({
    title: `${e.label}: responses per second by status`,
    unit: '/s',
    xMax,
    series: codes.map((code, i) =>
      seriesOf(code, i, e.timeline, (p) => (p.statusCodes[code] ?? 0) / bucketSeconds),
    ),
  })
  const kinds = Object.entries(e.errorKinds)
  const errors = kinds.length
    ? `<table class="errors"><tr><th>error</th><th>count</th></tr>${kinds
        .map(([kind, n]) => `<tr><td>${esc(kind)}</td><td>${n}</td></tr>`)
        .join('')}</table>`
    : '<p>No errors.</p>'
  return `<section class="endpoint"><h2>${esc(e.label)}</h2><div class="charts">${latency}${
    codes.length ? statuses : ''
  }</div>${errors}</section>`
}

/** One HTML file, no external resource of any kind: styles inline, charts as inline SVG. */
export function renderHtml(r: LoadTestResults): string {
  const xMax = Math.max(r.elapsedSeconds, r.bucketSeconds)
  const perEndpoint = (title: string, unit: string, value: (p: TimelinePoint) => number | null) =>
    lineChart({
      title,
      unit,
      xMax,
      series: r.endpoints.map((e, i) => seriesOf(e.label, i, e.timeline, value)),
    })
  const verdict = verdictOf(r)
  const thresholds = r.thresholds
    .map(
      (t) => `<tr class="${t.passed ? 'ok' : 'bad'}"><td>${t.passed ? '✓' : '✗'}</td>
<td><code>${esc(t.expression)}</code></td><td>${t.actual === null ? 'no data' : `${formatNumber(t.actual)} ${t.unit}`}</td></tr>`,
    )
    .join('')
  const setup = r.setup
    .map((s) => `<li>${esc(s.label)}: ${s.status} in ${formatNumber(s.latencyMs)} ms</li>`)
    .join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>hexad load test: ${esc(r.scenario)} ${verdict}</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 24px auto; max-width: 1520px; padding: 0 16px; color: #111827; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
.verdict { padding: 2px 10px; border-radius: 4px; color: #fff; background: #16a34a; }
.verdict.FAILED, .verdict.INTERRUPTED { background: #dc2626; }
.meta { color: #4b5563; margin: 4px 0 16px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e5e7eb; text-align: right; }
th[scope=row], td:first-child { text-align: left; } .bad { color: #dc2626; } tr.ok td:first-child { color: #16a34a; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart-box { margin: 0; flex: 1 1 600px; max-width: 740px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart { width: 100%; height: auto; display: block; }
svg.chart text { font-size: 11px; fill: #6b7280; }
svg.chart .plot { fill: #f9fafb; } svg.chart .grid { stroke: #e5e7eb; }
svg.chart .series { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
.legend { list-style: none; padding: 0; margin: 4px 0 0 60px; display: flex; flex-wrap: wrap; gap: 12px; }
.legend span { display: inline-block; width: 12px; height: 3px; margin-right: 6px; vertical-align: middle; }
</style>
</head>
<body>
<h1>hexad load test: ${esc(r.scenario)} <span class="verdict ${verdict}">${verdict}</span></h1>
<p class="meta">${esc(r.target)} · started ${esc(r.startedAt)} · ${esc(loadLine(r))}</p>
<h2>Thresholds</h2>
${r.thresholds.length ? `<table>${thresholds}</table>` : '<p>None.</p>'}
<h2>Endpoints</h2>
<table>
<tr><th scope="col">endpoint</th><th>requests</th><th>req/s</th><th>p50 ms</th><th>p90 ms</th><th>p99 ms</th><th>max ms</th><th>errors</th><th>status codes</th></tr>
${r.endpoints.map(summaryRow).join('\n')}
${summaryRow(r.total)}
</table>
${setup ? `<p>Before the load: </p><ul>${setup}</ul>` : ''}
<h2>Over time (${formatNumber(r.bucketSeconds)} s buckets)</h2>
<div class="charts">
${perEndpoint('Responses per second', '/s', (p) => p.rps)}
${perEndpoint('p99 latency', ' ms', (p) => p.p99)}
${perEndpoint('Errors per second', '/s', (p) => p.errors / r.bucketSeconds)}
</div>
${r.endpoints.map((e) => endpointSection(e, xMax, r.bucketSeconds)).join('\n')}
<p class="meta">Generated by @hexad/loadtest (autocannon). The same figures are in report.json.</p>
</body>
</html>
`
}
