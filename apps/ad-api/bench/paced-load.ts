import { Pool } from 'undici'
import { browserUserAgent } from '../test/fixtures.ts'

export interface PacedLoadOptions {
  origin: string
  /** The path of the i-th request. */
  path: (i: number) => string
  /** Requests per second, offered whatever the answers (an open loop). */
  rate: number
  seconds: number
  /** Keep-alive connections at most; requests wait for a free one beyond that. */
  connections: number
}

export interface PacedLoadResult {
  sent: number
  /** 2xx answers. */
  ok: number
  /** Non-2xx answers, socket errors and timeouts. */
  errors: number
  p50Ms: number
  p99Ms: number
  /** Answers per second actually achieved. */
  achievedRate: number
}

const TICK_MS = 1
const TIMEOUT_MS = 2_000

/**
 * A fixed offered rate, spread evenly over time: every millisecond the requests due by then are
 * sent. autocannon's overallRate sends each second's quota at the start of the second, as fast as
 * the connections go, which runs the server at saturation for part of every second and measures
 * its CPU per request there (batched, cheaper) and its p99 in the burst; this does not. Latency
 * counts from the moment a request was due, not from when a socket was free (no coordinated
 * omission).
 *
 * The requests go through undici's Pool (`dispatch`, no body streams), not node:http's Agent: the
 * client shares the two cores with the server it measures, and node:http's client took 100-190 µs
 * of CPU per request against the node:http hello world at 3,000 req/s where undici took 68-99 µs
 * (bench/run.ts's machine, process.cpuUsage of the client, three rounds each, interleaved): less
 * of the server's core taken by its own load, and less of the client's delay counted as latency.
 */
export async function pacedLoad(options: PacedLoadOptions): Promise<PacedLoadResult> {
  const { origin, rate, seconds } = options
  const pool = new Pool(origin, {
    connections: options.connections,
    headersTimeout: TIMEOUT_MS,
    bodyTimeout: TIMEOUT_MS,
  })
  const total = Math.round(rate * seconds)
  const latencies = new Float64Array(total)
  // Every server gets a browser's header (ad-api checks it against the bot list).
  const headers = { 'user-agent': browserUserAgent }
  let sent = 0
  let done = 0
  let ok = 0
  let errors = 0
  const started = performance.now()
  let lastAnswer = started

  await new Promise<void>((resolve) => {
    const finish = (i: number, dueAt: number, good: boolean) => {
      lastAnswer = performance.now()
      latencies[i] = lastAnswer - dueAt
      if (good) ok++
      else errors++
      if (++done === total) resolve()
    }
    const send = (i: number, dueAt: number) => {
      let status = 0
      pool.dispatch(
        { method: 'GET', path: options.path(i), headers },
        {
          // undici's assertRequestHandler refuses a handler without these two; the body is not read.
          onRequestStart: () => {},
          onResponseData: () => {},
          onResponseStart: (_controller, statusCode) => void (status = statusCode),
          onResponseEnd: () => finish(i, dueAt, status >= 200 && status < 300),
          onResponseError: () => finish(i, dueAt, false),
        },
      )
    }
    const tick = () => {
      const elapsed = performance.now() - started
      const due = Math.min(total, Math.floor((elapsed / 1000) * rate))
      for (; sent < due; sent++) send(sent, started + (sent * 1000) / rate)
      if (sent < total) setTimeout(tick, TICK_MS)
    }
    tick()
  })
  await pool.close()
  const sorted = latencies.sort()
  const at = (q: number) => sorted[Math.min(total - 1, Math.floor(q * total))]!
  return {
    sent,
    ok,
    errors,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    achievedRate: done / ((lastAnswer - started) / 1000),
  }
}
