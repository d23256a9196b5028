// Probes and metrics are for machines: no request log line, no entry in the OpenAPI document.
declare module 'fastify' {
  interface FastifySchema {
    /** Read by @fastify/swagger: leave this route out of the document. */
    hide?: boolean
  }
}

export const internalRoute = { logLevel: 'silent', schema: { hide: true } } as const
