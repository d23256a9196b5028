import { build, type Histogram } from 'hdr-histogram-js'
import type { EndpointResult, LatencySummary, TimelinePoint } from '../results.ts'

/** One step of a scenario as the results know it. */
export interface EndpointSpec {
  /** Short name used in thresholds and the report, e.g. `ads`. */
  id: string
  /** What is requested, e.g. `GET /v1/ads`. */
  label: string
  /** Status codes that count as success. */
  expect: readonly number[]
}

export interface Recorder {
  response(endpoint: string, status: number, latencyMs: number): void
  /** A request that got no response: timeout, connection refused or reset. */
  transportError(endpoint: string, kind: string): void
  /** A response already recorded, with the right status but an unusable body. */
  badResponse(endpoint: string, reason: string): void
  finish(): { endpoints: EndpointResult[]; total: EndpointResult; elapsedSeconds: number }
}

// Latencies are recorded in microseconds: a local target answers in well under a millisecond.
// Whole-run histograms keep 3 significant digits; per-bucket ones 2 (charts don't need more) and
// are reset when their bucket closes, so memory stays flat however long the run.
const histogram = (digits: 2 | 3): Histogram =>
  build({
    bitBucketSize: 'packed',
    lowestDiscernibleValue: 1,
    numberOfSignificantValueDigits: digits,
  })
const toMicros = (ms: number) => Math.max(1, Math.round(ms * 1000))
const toMs = (micros: number) => Math.round(micros) / 1000
const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1)

function latencySummary(h: Histogram): LatencySummary | null {
  if (h.totalCount === 0) return null
  const at = (p: number) => toMs(h.getValueAtPercentile(p))
  return {
    min: toMs(h.minNonZeroValue),
    mean: toMs(h.mean),
    p50: at(50),
    p75: at(75),
    p90: at(90),
    p99: at(99),
    p999: at(99.9),
    max: toMs(h.maxValue),
  }
}

/** Every number one endpoint (or all of them together) collects, overall and per time bucket. */
function createSeries(spec: EndpointSpec, bucketMs: number) {
  const whole = histogram(3)
  const inBucket = histogram(2)
  const statusCodes: Record<string, number> = {}
  const errorKinds: Record<string, number> = {}
  const timeline: TimelinePoint[] = []
  let responses = 0
  let transportErrors = 0
  let errors = 0
  let bucket = { index: 0, responses: 0, errors: 0, statusCodes: {} as Record<string, number> }

  function closeBucket(lengthMs: number) {
    const at = (p: number) => (inBucket.totalCount ? toMs(inBucket.getValueAtPercentile(p)) : null)
    timeline.push({
      t: (bucket.index * bucketMs) / 1000,
      responses: bucket.responses,
      errors: bucket.errors,
      rps: Math.round((bucket.responses / (lengthMs / 1000)) * 10) / 10,
      p50: at(50),
      p90: at(90),
      p99: at(99),
      max: inBucket.totalCount ? toMs(inBucket.maxValue) : null,
      statusCodes: bucket.statusCodes,
    })
    inBucket.reset()
  }

  /** Closes buckets up to `index` (empty ones too: a chart must show a stall as zero). */
  function moveTo(index: number) {
    while (bucket.index < index) {
      closeBucket(bucketMs)
      bucket = { index: bucket.index + 1, responses: 0, errors: 0, statusCodes: {} }
    }
  }

  function error(kind: string) {
    errors++
    bucket.errors++
    bump(errorKinds, kind)
  }

  return {
    response(index: number, status: number, latencyMs: number) {
      moveTo(index)
      responses++
      bucket.responses++
      whole.recordValue(toMicros(latencyMs))
      inBucket.recordValue(toMicros(latencyMs))
      bump(statusCodes, String(status))
      bump(bucket.statusCodes, String(status))
      if (spec.expect.length > 0 && !spec.expect.includes(status)) error(`status ${status}`)
    },
    transportError(index: number, kind: string) {
      moveTo(index)
      transportErrors++
      error(kind)
    },
    badResponse(index: number, reason: string) {
      moveTo(index)
      error(reason)
    },
    finish(elapsedMs: number): EndpointResult {
      const lastIndex = Math.max(0, Math.ceil(elapsedMs / bucketMs) - 1)
      moveTo(lastIndex)
      closeBucket(Math.max(1, elapsedMs - lastIndex * bucketMs))
      const requests = responses + transportErrors
      return {
        id: spec.id,
        label: spec.label,
        expected: [...spec.expect],
        requests,
        responses,
        errors,
        errorRate: requests === 0 ? 0 : errors / requests,
        rps: Math.round((responses / Math.max(elapsedMs / 1000, 0.001)) * 10) / 10,
        latencyMs: latencySummary(whole),
        statusCodes,
        errorKinds,
        timeline,
      }
    },
  }
}

export const TOTAL_ID = 'all'

/**
 * Collects per-endpoint results over time. `now` is milliseconds on a monotonic clock; the run
 * starts when the recorder is created.
 */
export function createRecorder(
  specs: EndpointSpec[],
  options: { bucketMs: number; now?: () => number },
): Recorder {
  const now = options.now ?? (() => performance.now())
  const started = now()
  const bucketIndex = () => Math.floor((now() - started) / options.bucketMs)
  const series = new Map(specs.map((spec) => [spec.id, createSeries(spec, options.bucketMs)]))
  const expectOf = new Map(specs.map((spec) => [spec.id, spec.expect]))
  const total = createSeries({ id: TOTAL_ID, label: 'all endpoints', expect: [] }, options.bucketMs)
  const seriesOf = (endpoint: string) => {
    const found = series.get(endpoint)
    if (!found) throw new Error(`no endpoint "${endpoint}" in this recorder`)
    return found
  }

  return {
    response(endpoint, status, latencyMs) {
      const index = bucketIndex()
      seriesOf(endpoint).response(index, status, latencyMs)
      // The total has no expected statuses of its own: it takes each endpoint's judgement.
      total.response(index, status, latencyMs)
      if (!expectOf.get(endpoint)?.includes(status)) {
        total.badResponse(index, `${endpoint}: status ${status}`)
      }
    },
    transportError(endpoint, kind) {
      const index = bucketIndex()
      seriesOf(endpoint).transportError(index, kind)
      total.transportError(index, `${endpoint}: ${kind}`)
    },
    badResponse(endpoint, reason) {
      const index = bucketIndex()
      seriesOf(endpoint).badResponse(index, reason)
      total.badResponse(index, `${endpoint}: ${reason}`)
    },
    finish() {
      const elapsedMs = now() - started
      return {
        endpoints: specs.map((spec) => seriesOf(spec.id).finish(elapsedMs)),
        total: total.finish(elapsedMs),
        elapsedSeconds: Math.round(elapsedMs) / 1000,
      }
    },
  }
}
