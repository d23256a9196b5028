import { verifyPassword } from '@hexad/db'
import type { ServiceInstance } from '@hexad/service-kit'
import { ErrorBody, LoginBody, NoContent, SessionInfo } from '@hexad/contracts/console-api'
import type { AuditEvent } from '../../plugins/audit.ts'
import type { AuthContext } from '../../plugins/session-auth.ts'
import { loginLimits, type LoginLimitOptions } from '../../login/login-limits.ts'
import { createSession, deleteSession, deleteUserSessions } from '../../repositories/sessions.ts'
import { findUserByEmail } from '../../repositories/users.ts'

export interface AuthRouteOptions {
  sessionTtlHours: number
  limits: LoginLimitOptions
}

// Verified when the email is unknown, so both failures take as long and look the same.
const DECOY_HASH =
  'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'
const INVALID_LOGIN = 'Invalid email or password'

export default async function authRoutes(app: ServiceInstance, options: AuthRouteOptions) {
  const limits = loginLimits(app.db, options.limits)

  app.post(
    '/login',
    {
      schema: {
        tags: ['auth'],
        body: LoginBody,
        response: { 200: SessionInfo, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { email } = request.body
      // Checked before the password, so even the right one waits: the limit is on guesses.
      await limits.assertMayTry(email, request.ip, reply, 'failed logins')
      const user = await findUserByEmail(app.db, email)
      const valid = await verifyPassword(request.body.password, user?.password_hash ?? DECOY_HASH)
      if (!user || !valid) {
        await limits.failed(email, request.ip)
        const known = user ? { id: user.id, advertiserId: user.advertiserId } : undefined
        app.audit(request, {
          action: 'login_failed',
          outcome: 'failure',
          resource: 'session',
          user: known,
        })
        throw app.httpErrors.unauthorized(INVALID_LOGIN)
      }

      await limits.succeeded(email, request.ip)
      const now = new Date()
      const expiresAt = new Date(now.getTime() + options.sessionTtlHours * 3_600_000)
      const session = app.sessions.issue()
      await createSession(app.db, {
        id: session.id,
        userId: user.id,
        csrfToken: session.csrfToken,
        expiresAt,
        now,
      })
      app.sessions.setCookie(reply, session.token, expiresAt)
      app.audit(request, {
        action: 'login',
        outcome: 'success',
        resource: 'session',
        user: { id: user.id, advertiserId: user.advertiserId },
      })
      return {
        user: {
          id: user.id,
          email: user.email,
          advertiserId: user.advertiserId,
          advertiserName: user.advertiserName,
          timeZone: user.timeZone,
        },
        csrfToken: session.csrfToken,
      }
    },
  )

  // Logging out ends this session; everywhere, every session of the user, this one included (a
  // lost phone, a shared computer left signed in).
  const logoutRoute = (
    url: string,
    action: AuditEvent['action'],
    end: (auth: AuthContext) => Promise<void>,
  ) =>
    app.post(
      url,
      {
        onRequest: app.authenticate,
        schema: {
          tags: ['auth'],
          response: { 204: NoContent, 401: ErrorBody, 403: ErrorBody },
        },
      },
      async (request, reply) => {
        await end(request.auth)
        app.sessions.clearCookie(reply)
        app.audit(request, { action, outcome: 'success', resource: 'session' })
        return reply.code(204).send(null)
      },
    )
  logoutRoute('/logout', 'logout', (auth) => deleteSession(app.db, auth.sessionId))
  logoutRoute('/logout-everywhere', 'logout_everywhere', (auth) =>
    deleteUserSessions(app.db, auth.userId),
  )
}

export async function meRoute(app: ServiceInstance) {
  app.get(
    '/me',
    {
      onRequest: app.authenticate,
      schema: { tags: ['auth'], response: { 200: SessionInfo, 401: ErrorBody } },
    },
    async (request) => {
      const { userId, email, advertiserId, advertiserName, timeZone, csrfToken } = request.auth
      return { user: { id: userId, email, advertiserId, advertiserName, timeZone }, csrfToken }
    },
  )
}
