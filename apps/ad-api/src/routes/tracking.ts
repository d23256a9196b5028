import { STATUS_CODES } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'

// Tokens run to ~230 characters, past Fastify's 100-character limit on a `:param` (it answers
// 414), and that limit is a server-wide option owned by service-kit. A wildcard has no limit;
// verifyToken bounds the length itself, and a token with a '/' fails its checks like any other.
export const tokenRoute = '/*'

export function tokenOf(request: FastifyRequest): string {
  return (request.params as { '*': string })['*']
}

/** Seconds before a refused beacon is worth sending again: the writer retries its disk each second. */
const RETRY_AFTER_SECONDS = 1

/**
 * 503 with Retry-After: analytics-log refused the record (full disk, a disk slower than the
 * records, shutting down). Sent by the route itself, not thrown: service-kit's error handler
 * takes any 5xx for a bug, logs it and hides its message.
 */
export function refuseForNow(reply: FastifyReply, message: string): void {
  reply
    .code(503)
    .header('retry-after', String(RETRY_AFTER_SECONDS))
    .send({ error: STATUS_CODES[503], message })
}
