import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import cookie from '@fastify/cookie'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { findSessionUser } from '../repositories/sessions.ts'

export const SESSION_COOKIE = 'hexad_session'
export const CSRF_HEADER = 'x-csrf-token'

export interface AuthContext {
  sessionId: string
  userId: number
  email: string
  advertiserId: number
  advertiserName: string
  /** The advertiser's IANA time zone: whose days "today" and report days are. */
  timeZone: string
  csrfToken: string
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: AuthContext
  }
  interface FastifyInstance {
    sessions: SessionTools
    /** onRequest hook for routes that need a logged-in user (and a CSRF token on writes). */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>
  }
}

export interface SessionTools {
  /** A new random cookie token, the id it is stored under, and its CSRF token. */
  issue(): { token: string; id: string; csrfToken: string }
  setCookie(reply: FastifyReply, token: string, expires: Date): void
  clearCookie(reply: FastifyReply): void
}

export interface SessionAuthOptions {
  secret: string
  secureCookies: boolean
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

// Sessions live in the database (any replica serves any user), so CSRF uses the synchronizer
// token stored beside each session: no second cookie, and a stolen cookie alone can't write.
export const sessionAuthPlugin = fp<SessionAuthOptions>(
  async function sessionAuth(app: FastifyInstance, options) {
    await app.register(cookie)
    const sessionId = (token: string) =>
      createHmac('sha256', options.secret).update(token).digest('hex')
    const cookieOptions = {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: options.secureCookies,
    }

    app.decorate('sessions', {
      issue() {
        const token = randomBytes(32).toString('base64url')
        return { token, id: sessionId(token), csrfToken: randomBytes(24).toString('base64url') }
      },
      setCookie: (reply, token, expires) =>
        void reply.setCookie(SESSION_COOKIE, token, { ...cookieOptions, expires }),
      clearCookie: (reply) => void reply.clearCookie(SESSION_COOKIE, cookieOptions),
    } satisfies SessionTools)

    app.decorateRequest('auth', null as unknown as AuthContext)
    app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      const token = request.cookies[SESSION_COOKIE]
      const found = token ? await findSessionUser(app.db, sessionId(token), new Date()) : undefined
      if (!found) {
        if (token) app.sessions.clearCookie(reply)
        throw app.httpErrors.unauthorized('Log in to continue')
      }
      if (!SAFE_METHODS.has(request.method)) {
        const sent = request.headers[CSRF_HEADER]
        if (typeof sent !== 'string' || !sameToken(sent, found.csrfToken)) {
          throw app.httpErrors.forbidden('Missing or invalid CSRF token')
        }
      }
      request.auth = found
    })
  },
  { name: 'session-auth', dependencies: ['@hexad/database'] },
)
