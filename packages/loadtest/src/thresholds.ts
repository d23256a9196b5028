import { UsageError } from './cli/usage-error.ts'
import type { EndpointResult, LatencySummary, ThresholdResult } from './results.ts'

const LATENCY_METRICS = ['min', 'mean', 'p50', 'p75', 'p90', 'p99', 'p999', 'max'] as const
type LatencyMetric = (typeof LATENCY_METRICS)[number]
type Metric = LatencyMetric | 'errors' | 'rps'
type Operator = '<' | '<=' | '>' | '>='

export interface Threshold {
  expression: string
  /** An endpoint id of the scenario, or `all`. */
  endpoint: string
  metric: Metric
  op: Operator
  /** Milliseconds for latency, percent for errors, requests per second for rps. */
  limit: number
}

/** What the issue asks for when the person gives none: a fast p99 and almost no errors. */
export const DEFAULT_THRESHOLDS = ['p99<50ms', 'errors<0.1%']

const SYNTAX = /^(?:([a-z][a-z0-9-]*)\.)?([a-z0-9]+)\s*(<=|>=|<|>)\s*(\d+(?:\.\d+)?)(ms|s|%)?$/
const HELP =
  'expected [endpoint.]metric<op>value, e.g. p99<50ms, ads.p90<=20ms, errors<0.1%, rps>100'

/** `[endpoint.]metric op value`: `p99<50ms`, `ads.p90<=0.02s`, `errors<0.1%`, `imp.rps>=100`. */
export function parseThreshold(expression: string): Threshold {
  const match = SYNTAX.exec(expression.trim())
  if (!match) throw new UsageError(`--threshold "${expression}": ${HELP}`)
  const [, endpoint = 'all', metric = '', op = '<', number = '', unit] = match
  const value = Number(number)
  const bad = (why: string) => new UsageError(`--threshold "${expression}": ${why}`)
  let limit: number
  if ((LATENCY_METRICS as readonly string[]).includes(metric)) {
    if (unit !== 'ms' && unit !== 's') throw bad(`${metric} is a latency: give ms or s`)
    limit = unit === 's' ? value * 1000 : value
  } else if (metric === 'errors') {
    if (unit !== '%') throw bad('errors is a share of requests: give a percentage, e.g. 0.1%')
    limit = value
  } else if (metric === 'rps') {
    if (unit !== undefined) throw bad('rps is requests per second: give a plain number')
    limit = value
  } else {
    throw bad(`unknown metric "${metric}" (${[...LATENCY_METRICS, 'errors', 'rps'].join(', ')})`)
  }
  return {
    expression: expression.trim(),
    endpoint,
    metric: metric as Metric,
    op: op as Operator,
    limit,
  }
}

/** Refuses a threshold on an endpoint the scenario doesn't have, before any load is sent. */
export function checkEndpoints(thresholds: Threshold[], endpointIds: string[]): void {
  for (const t of thresholds) {
    if (t.endpoint !== 'all' && !endpointIds.includes(t.endpoint)) {
      throw new UsageError(
        `--threshold "${t.expression}": no endpoint "${t.endpoint}" in this scenario ` +
          `(${['all', ...endpointIds].join(', ')})`,
      )
    }
  }
}

function actualOf(metric: Metric, result: EndpointResult): number | null {
  if (metric === 'errors') return result.requests === 0 ? null : result.errorRate * 100
  if (metric === 'rps') return result.rps
  return result.latencyMs ? result.latencyMs[metric as keyof LatencySummary] : null
}

function holds(actual: number, op: Operator, limit: number): boolean {
  if (op === '<') return actual < limit
  if (op === '<=') return actual <= limit
  if (op === '>') return actual > limit
  return actual >= limit
}

/** Judges each threshold; one with nothing to measure (no requests at all) fails. */
export function evaluateThresholds(
  thresholds: Threshold[],
  endpoints: EndpointResult[],
  total: EndpointResult,
): ThresholdResult[] {
  return thresholds.map((t) => {
    const result = t.endpoint === 'all' ? total : endpoints.find((e) => e.id === t.endpoint)
    const actual = result ? actualOf(t.metric, result) : null
    return {
      expression: t.expression,
      endpoint: t.endpoint,
      actual,
      unit: t.metric === 'errors' ? '%' : t.metric === 'rps' ? '/s' : 'ms',
      passed: actual !== null && holds(actual, t.op, t.limit),
    }
  })
}
