import cors, { type FastifyCorsOptions } from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import type { BaseConfig } from './config.ts'

/**
 * CORS_ORIGINS as @fastify/cors takes it. `*` stays a literal `*` (one identical answer for every
 * page, no credentials) rather than echoing each caller's origin back.
 */
export function corsOrigins(config: Pick<BaseConfig, 'CORS_ORIGINS'>): string | string[] | false {
  const origins = config.CORS_ORIGINS.split(',')
    .map((o) => o.trim())
    .filter(Boolean)
  if (origins.includes('*')) return '*'
  return origins.length > 0 ? origins : false
}

// What @fastify/cors adds to a response that is not a preflight, besides the origin: with none
// of these, that response's CORS headers are the same whoever asks.
const perResponseOptions = ['credentials', 'exposedHeaders', 'hook', 'delegator'] as const

/** `{ access-control-allow-origin: * }` when the options make it the only CORS header, else undefined. */
export function staticCorsHeaders(options: FastifyCorsOptions): Record<string, string> | undefined {
  if (
    options.origin !== '*' ||
    perResponseOptions.some((o) => options[o] !== undefined && options[o] !== false)
  ) {
    return undefined
  }
  return { 'access-control-allow-origin': '*' }
}

/**
 * Registers @fastify/cors and returns the headers the caller must add to every response itself.
 * With a static answer (a literal `*`), @fastify/cors is registered in a context of its own, so
 * its hook runs for its preflight route only: on every other request that hook builds two
 * route-option objects and copies the options to produce a header that never changes.
 */
export async function registerCors(
  app: FastifyInstance,
  options: FastifyCorsOptions,
): Promise<Record<string, string>> {
  const fixed = staticCorsHeaders(options)
  if (!fixed) {
    await app.register(cors, options)
    return {}
  }
  await app.register(async function preflights(scope) {
    await scope.register(cors, options)
  })
  return fixed
}
