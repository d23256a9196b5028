import Type, { type Static } from 'typebox'

/**
 * A proposal for console-api's `audit` tag (one record per login, logout and write), kept here so
 * the report job and the service read the same definition. Ids are strings whatever the column
 * type, so the schema outlives a change of key type.
 */
export const auditRecord = Type.Object({
  requestId: Type.String(),
  action: Type.Enum(['login', 'login_failed', 'logout', 'create', 'update', 'delete']),
  outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
  /** Who: absent for a failed login of an unknown account. */
  userId: Type.Optional(Type.String()),
  tenantId: Type.Optional(Type.String()),
  /** What: `session`, `campaign`, `creative`… and its id for writes. */
  resource: Type.String({ minLength: 1, maxLength: 64 }),
  resourceId: Type.Optional(Type.String()),
  /** The client address as the service saw it (after TRUST_PROXY_HOPS). */
  ip: Type.String(),
})
export type AuditRecord = Static<typeof auditRecord>
