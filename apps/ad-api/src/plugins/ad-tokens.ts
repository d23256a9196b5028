import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Counter } from 'prom-client'
import type { TokenKeyring } from '../tokens/keys.ts'
import { signToken, verifyToken, type AdClaims } from '../tokens/token.ts'

export interface AdTokens {
  sign(claims: Omit<AdClaims, 'iat'>): string
  /** The claims of a good token; a 400 (tampered, malformed, unknown key) or 410 (expired). */
  verify(token: string): AdClaims
}

declare module 'fastify' {
  interface FastifyInstance {
    adTokens: AdTokens
  }
}

export interface AdTokensOptions {
  keys: TokenKeyring
  ttlSeconds: number
  now?: () => number
}

export const adTokensPlugin = fp<AdTokensOptions>(
  async function adTokens(app: FastifyInstance, options) {
    const now = options.now ?? Date.now
    const rejections = new Counter({
      name: 'ad_token_rejections_total',
      help: 'Impression and click tokens refused, by reason',
      labelNames: ['reason'],
      registers: [app.metrics],
    })
    app.decorate('adTokens', {
      sign: (claims) => signToken(options.keys, { ...claims, iat: Math.floor(now() / 1000) }),
      verify(token) {
        const result = verifyToken(options.keys, token, options.ttlSeconds, now())
        if (result.ok) return result.claims
        rejections.inc({ reason: result.reason })
        // One message for every kind of bad token: a forger learns nothing about which check failed.
        if (result.reason === 'expired') throw app.httpErrors.gone('This ad token has expired')
        throw app.httpErrors.badRequest('Invalid ad token')
      },
    } satisfies AdTokens)
  },
  { name: 'ad-tokens', dependencies: ['@hexad/metrics'] },
)
