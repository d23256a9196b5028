import { analyticsRecords, type AuditRecord } from '@hexad/contracts/analytics'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'

/** The analytics tags console-api writes: one `audit` record per login, logout and write. */
export const analyticsTags = { audit: analyticsRecords.audit }

declare module '@hexad/analytics-log' {
  interface AnalyticsTags {
    audit: typeof analyticsTags.audit
  }
}

export type AuditEvent = Pick<AuditRecord, 'action' | 'outcome' | 'resource'> & {
  resourceId?: number | undefined
  /** For a failed login, where there is no session yet but the account may be known. */
  user?: { id: number; advertiserId: number } | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    audit(request: FastifyRequest, event: AuditEvent): void
  }
}

export const auditPlugin = fp(
  async function audit(app: FastifyInstance) {
    app.decorate('audit', (request: FastifyRequest, event: AuditEvent) => {
      const userId = request.auth?.userId ?? event.user?.id
      const tenantId = request.auth?.advertiserId ?? event.user?.advertiserId
      const record: AuditRecord = {
        requestId: request.id,
        action: event.action,
        outcome: event.outcome,
        resource: event.resource,
        ip: request.ip,
        ...(userId !== undefined ? { userId: String(userId) } : {}),
        ...(tenantId !== undefined ? { tenantId: String(tenantId) } : {}),
        ...(event.resourceId !== undefined ? { resourceId: String(event.resourceId) } : {}),
      }
      if (!app.analytics.write('audit', record)) {
        // The change is already in the database: failing the request now would tell the user it
        // did not happen. The record goes to the service's own log instead, and /readyz fails
        // while the writer refuses (service-kit), so the load balancer sends users elsewhere.
        request.log.error(
          { audit: record, analytics: app.analytics.pressure },
          'audit: analytics-log refused the record; this log line is its trace',
        )
      }
    })
  },
  { name: 'audit', dependencies: ['@hexad/analytics', 'session-auth'] },
)
