import type { EndpointSpec } from '../run/recorder.ts'
import type autocannon from 'autocannon'
import type { SetupCall } from '../results.ts'

/** What a scenario's one-off preparation hands the load: headers for every request. */
export interface Prepared {
  headers: Record<string, string>
  setup: SetupCall[]
}

export interface ResponseProblems {
  badResponse(endpoint: string, reason: string): void
}

/**
 * A flow of requests each connection repeats. `requests` become autocannon's request list: a
 * step's setupRequest may return undefined to go back to the first step (an ad request that got
 * no ad has no impression to fire), and onResponse keeps what the next step needs in the
 * connection's context.
 */
export interface Scenario {
  name: string
  description: string
  endpoints: EndpointSpec[]
  prepare(target: URL, env: NodeJS.ProcessEnv): Promise<Prepared>
  requests(problems: ResponseProblems): TaggedRequest[]
}

/** The target can't be reached or refused the preparation: nothing was load tested. */
export class TargetError extends Error {
  override name = 'TargetError'
}

/** A timed fetch for preparation, with network failures turned into a TargetError. */
export async function setupFetch(
  label: string,
  url: URL,
  init: RequestInit = {},
): Promise<{ response: Response; call: SetupCall }> {
  const started = performance.now()
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) })
    const latencyMs = Math.round((performance.now() - started) * 1000) / 1000
    return { response, call: { label, status: response.status, latencyMs } }
  } catch (err) {
    const cause = (err as Error).cause as NodeJS.ErrnoException | undefined
    const why = cause?.code ?? cause?.message ?? (err as Error).message
    throw new TargetError(`cannot reach ${url.origin} (${label}): ${why}`)
  }
}

/** What a connection remembers between the steps of one pass through the flow. */
export type FlowContext = Record<string, unknown>

/**
 * An autocannon request that knows which endpoint of the scenario it is. setupRequest may return
 * undefined (autocannon then restarts the flow; its types don't say so).
 */
export interface TaggedRequest extends Omit<autocannon.Request, 'setupRequest' | 'onResponse'> {
  endpoint: string
  setupRequest?: (request: TaggedRequest, context: FlowContext) => TaggedRequest | undefined
  onResponse?: (status: number, body: string, context: FlowContext) => void
}
