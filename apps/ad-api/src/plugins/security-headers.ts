import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

// The few headers that matter for responses that are only JSON, a GIF or a redirect: narrower
// than helmet's defaults (no document here, so CSP `default-src 'none'`; no Referer leaking a
// token to the landing page). ad-api passes `helmet: false` to createService and sends these.
export const securityHeaders = {
  // Nothing here is a document: no scripts, no styles, no framing.
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  // Publishers' pages load the pixel with an <img>: cross-origin, or browsers drop it.
  'cross-origin-resource-policy': 'cross-origin',
  // A click's landing page must not learn the tracking URL (and its token) from Referer.
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
}

export const securityHeadersPlugin = fp(
  async function headers(app: FastifyInstance) {
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(securityHeaders)
      done()
    })
  },
  { name: 'security-headers' },
)
