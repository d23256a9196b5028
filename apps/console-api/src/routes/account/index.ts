import { hashPassword, verifyPassword } from '@hexad/db'
import { InvalidInputError, type ServiceInstance } from '@hexad/service-kit'
import { ChangePasswordBody, ErrorBody, NoContent } from '@hexad/contracts/console-api'
import { loginLimits, type LoginLimitOptions } from '../../login/login-limits.ts'
import { deleteUserSessions } from '../../repositories/sessions.ts'
import { findPasswordHash, setPasswordHash } from '../../repositories/users.ts'

export interface AccountRouteOptions {
  limits: LoginLimitOptions
}

/** The signed-in user's own account: `/api/me/…`. */
export default async function accountRoutes(app: ServiceInstance, options: AccountRouteOptions) {
  const limits = loginLimits(app.db, options.limits)

  app.post(
    '/password',
    {
      onRequest: app.authenticate,
      schema: {
        tags: ['auth'],
        body: ChangePasswordBody,
        response: {
          204: NoContent,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          429: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const { userId, email, sessionId } = request.auth
      // The current password is a guess like a login's (a session left open on a shared
      // computer), so it is limited by the same counts in the database.
      await limits.assertMayTry(email, request.ip, reply, 'wrong passwords')
      const hash = await findPasswordHash(app.db, userId)
      if (!hash || !(await verifyPassword(request.body.currentPassword, hash))) {
        await limits.failed(email, request.ip)
        app.audit(request, {
          action: 'password_change_failed',
          outcome: 'failure',
          resource: 'user',
          resourceId: userId,
        })
        throw new InvalidInputError([
          {
            in: 'body',
            field: 'currentPassword',
            rule: 'wrongPassword',
            message: 'is not your current password',
          },
        ])
      }
      await limits.succeeded(email, request.ip)
      const newHash = await hashPassword(request.body.newPassword)
      // Whoever else holds a session may be the reason for the change: only this one stays.
      await app.db.transaction().execute(async (trx) => {
        await setPasswordHash(trx, userId, newHash)
        await deleteUserSessions(trx, userId, sessionId)
      })
      app.audit(request, {
        action: 'password_change',
        outcome: 'success',
        resource: 'user',
        resourceId: userId,
      })
      return reply.code(204).send(null)
    },
  )
}
