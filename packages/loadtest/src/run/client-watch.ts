import type autocannon from 'autocannon'

// autocannon reports one latency histogram for the whole run and has no "stop after the current
// response" switch. Per-endpoint results and a clean stop need a few fields of its Client that the
// public API doesn't expose; they are read here and nowhere else, and autocannon is pinned to the
// exact version this was written against (9.0.0) so an upgrade is a deliberate, tested change.
interface ClientInternals {
  requestIterator: { currentRequest: { endpoint: string } }
  /** When reqsMade reaches it, the client closes instead of sending its next request. */
  responseMax?: number
  reqsMade: number
  /** Waiting for the next second of its rate budget: nothing in flight. */
  paused?: boolean
  destroyed: boolean
}

export interface ClientEvents {
  response(endpoint: string, status: number, latencyMs: number): void
  transportError(endpoint: string, kind: string): void
}

/**
 * Attributes each response and error of one connection to its endpoint. With pipelining 1 (the
 * default, kept) a connection has at most one request in flight, and autocannon emits `response`
 * and `connError` before it moves on to the next request. A timeout is emitted after the client
 * reconnected and sent the next request, so the timed-out one is the request that was current
 * when that send began (the `request` event fires just before autocannon advances) — unless no
 * send began: the client was paused by its rate or closed by a drain.
 */
export function watchClient(client: autocannon.Client, events: ClientEvents): void {
  const internals = client as unknown as ClientInternals
  const current = () => internals.requestIterator.currentRequest.endpoint
  let beforeLastSend = current()
  // `request`, `connError` and `timeout` are events of autocannon's Client its types leave out.
  const emitter: NodeJS.EventEmitter = client
  emitter.on('request', () => (beforeLastSend = current()))
  client.on('response', (status: number, _bytes: number, latencyMs: number) => {
    events.response(current(), status, latencyMs)
  })
  emitter.on('connError', (error: NodeJS.ErrnoException) => {
    events.transportError(current(), error.code ?? error.message)
  })
  emitter.on('timeout', () => {
    const sentNext = !internals.paused && !internals.destroyed
    events.transportError(sentNext ? beforeLastSend : current(), 'timeout')
  })
}

/**
 * Lets the connection finish the request it has in flight, then close: no request is abandoned
 * half way, so what the target counted and what we counted agree (the analytics reconciliation
 * depends on it). A flow interrupted between its steps simply doesn't send the rest.
 */
export function drainClient(client: autocannon.Client): void {
  const internals = client as unknown as ClientInternals
  internals.responseMax = internals.reqsMade
}
