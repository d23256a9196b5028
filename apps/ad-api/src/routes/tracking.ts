import type { FastifyRequest } from 'fastify'

// Tokens run to ~230 characters, past Fastify's 100-character limit on a `:param` (it answers
// 414), and that limit is a server-wide option owned by service-kit. A wildcard has no limit;
// verifyToken bounds the length itself, and a token with a '/' fails its checks like any other.
export const tokenRoute = '/*'

export function tokenOf(request: FastifyRequest): string {
  return (request.params as { '*': string })['*']
}
