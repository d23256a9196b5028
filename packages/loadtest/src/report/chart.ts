// Line charts as inline SVG, drawn here rather than by an inlined chart library: the report must
// open offline and anywhere (a CodeBuild artifact, a Slack download, a browser with scripts
// blocked for local files), and static SVG needs no script at all. A library such as Chart.js
// would add ~200 KB of minified code to every report, plus a step to get it in there, for
// charts that are only lines on two axes.

export interface Series {
  name: string
  color: string
  /** [x, y]; y null is a gap (no data in that bucket), not a zero. */
  points: Array<[number, number | null]>
}

export interface Chart {
  title: string
  /** The y axis' unit, shown after each tick label (`ms`, `/s`). */
  unit: string
  xMax: number
  series: Series[]
}

const WIDTH = 720
const HEIGHT = 220
const LEFT = 60
const RIGHT = 12
const TOP = 10
const BOTTOM = 26
const PLOT_W = WIDTH - LEFT - RIGHT
const PLOT_H = HEIGHT - TOP - BOTTOM

export const PALETTE = [
  '#2563eb',
  '#dc2626',
  '#16a34a',
  '#d97706',
  '#7c3aed',
  '#0891b2',
  '#db2777',
  '#4b5563',
]

/** 1, 2 or 5 times a power of ten, so that about `count` steps cover `max`. */
function niceStep(max: number, count: number): number {
  const raw = max / count
  const magnitude = 10 ** Math.floor(Math.log10(raw))
  const norm = raw / magnitude
  return (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10) * magnitude
}

export function formatNumber(value: number): string {
  if (value === 0) return '0'
  if (Math.abs(value) >= 100) return String(Math.round(value))
  return String(Number(value.toPrecision(3)))
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/** The path of one series: a new sub-path after every gap. */
function pathOf(series: Series, x: (v: number) => number, y: (v: number) => number): string {
  let d = ''
  let pen = false
  for (const [px, py] of series.points) {
    if (py === null) {
      pen = false
      continue
    }
    d += `${pen ? 'L' : 'M'}${x(px).toFixed(1)} ${y(py).toFixed(1)}`
    pen = true
  }
  return d
}

export function lineChart(chart: Chart): string {
  const values = chart.series.flatMap((s) => s.points.map(([, v]) => v ?? 0))
  const yStep = niceStep(Math.max(...values, 0) || 1, 4)
  const yTop = Math.max(yStep, Math.ceil(Math.max(...values, 0) / yStep) * yStep)
  const xMax = Math.max(chart.xMax, 1)
  const xStep = niceStep(xMax, 8)
  const x = (v: number) => LEFT + (v / xMax) * PLOT_W
  const y = (v: number) => TOP + PLOT_H - (v / yTop) * PLOT_H

  const grid: string[] = []
  for (let v = 0; v <= yTop + yStep / 2; v += yStep) {
    grid.push(
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y(v)}" y2="${y(v)}"/>`,
      `<text x="${LEFT - 6}" y="${y(v) + 4}" text-anchor="end">${formatNumber(v)}${escapeHtml(chart.unit)}</text>`,
    )
  }
  for (let v = 0; v <= xMax + xStep / 2; v += xStep) {
    grid.push(
      `<text x="${x(v)}" y="${HEIGHT - 8}" text-anchor="middle">${formatNumber(v)} s</text>`,
    )
  }
  const lines = chart.series.map(
    (s) =>
      `<path class="series" stroke="${s.color}" d="${pathOf(s, x, y)}"><title>${escapeHtml(s.name)}</title></path>`,
  )
  const legend = chart.series
    .map((s) => `<li><span style="background:${s.color}"></span>${escapeHtml(s.name)}</li>`)
    .join('')
  return `<figure class="chart-box">
<figcaption>${escapeHtml(chart.title)}</figcaption>
<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(chart.title)}">
<rect class="plot" x="${LEFT}" y="${TOP}" width="${PLOT_W}" height="${PLOT_H}"/>
${grid.join('\n')}
${lines.join('\n')}
</svg>
<ul class="legend">${legend}</ul>
</figure>`
}
