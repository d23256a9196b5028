// The shape of report.json: what the HTML report draws, the Slack summary quotes and thresholds
// judge. Times are milliseconds, rates per second, shares between 0 and 1.

export interface LatencySummary {
  min: number
  mean: number
  p50: number
  p75: number
  p90: number
  p99: number
  p999: number
  max: number
}

/** One time bucket of one endpoint. Percentiles are null when no response arrived in it. */
export interface TimelinePoint {
  /** Seconds from the start of the run to the start of this bucket. */
  t: number
  responses: number
  errors: number
  rps: number
  p50: number | null
  p90: number | null
  p99: number | null
  max: number | null
  statusCodes: Record<string, number>
}

export interface EndpointResult {
  id: string
  label: string
  /** Status codes that count as success; any other is an error. */
  expected: number[]
  /** Requests that got an answer or failed: responses + transport errors (timeouts, resets…). */
  requests: number
  responses: number
  errors: number
  errorRate: number
  rps: number
  latencyMs: LatencySummary | null
  statusCodes: Record<string, number>
  /** Why requests counted as errors: `status 500`, `timeout`, `ECONNRESET`, `bad body`… */
  errorKinds: Record<string, number>
  timeline: TimelinePoint[]
}

/** A one-off call before the load starts (the console login, the publisher preflight). */
export interface SetupCall {
  label: string
  status: number
  latencyMs: number
}

export interface LoadSettings {
  connections: number
  /** Requests per second over all connections; null = as fast as the connections go. */
  rate: number | null
  rampUpSeconds: number
  durationSeconds: number
  timeoutSeconds: number
}

export interface ThresholdResult {
  expression: string
  /** The endpoint id it was judged on, or `all`. */
  endpoint: string
  actual: number | null
  /** The unit of `actual` and of the limit: `ms`, `%` or `/s`. */
  unit: string
  passed: boolean
}

export interface LoadTestResults {
  scenario: string
  target: string
  startedAt: string
  finishedAt: string
  elapsedSeconds: number
  /** Stopped early by SIGINT/SIGTERM: the figures cover only the time it ran. */
  interrupted: boolean
  load: LoadSettings
  bucketSeconds: number
  setup: SetupCall[]
  endpoints: EndpointResult[]
  /** Every endpoint together (`all` in thresholds). */
  total: EndpointResult
  thresholds: ThresholdResult[]
  passed: boolean
}
