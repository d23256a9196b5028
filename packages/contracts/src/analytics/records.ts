// The record of each analytics tag: the fields a service writes after `time`, `tag` and `pod`
// (lines.ts). The writer (@hexad/analytics-log) refuses a record with a field more or less; the
// report job and the other readers validate what they read against the same schemas.
import Type, { type Static } from 'typebox'

// Location is a ≤ 5-character geohash (about 5 km), never coordinates and never the IP.
const Id = Type.Integer({ minimum: 1 })
const RequestId = Type.String({ format: 'uuid' })
const Slot = Type.String({ minLength: 1, maxLength: 64 })

/** ad-api, one per ad request, filled or not. */
export const adRequestRecord = Type.Object(
  {
    requestId: RequestId,
    slot: Slot,
    filled: Type.Boolean(),
    campaign: Type.Optional(Id),
    creative: Type.Optional(Id),
    latencyMs: Type.Number({ minimum: 0 }),
    geohash: Type.Optional(Type.String({ pattern: '^[0-9b-hjkmnp-z]{1,5}$' })),
  },
  { additionalProperties: false },
)
export type AdRequestRecord = Static<typeof adRequestRecord>

/** ad-api, one per impression or click beacon: what daily_stats and the daily caps count. */
export const trackingRecord = Type.Object(
  { requestId: RequestId, campaign: Id, creative: Id, slot: Slot },
  { additionalProperties: false },
)
export type TrackingRecord = Static<typeof trackingRecord>

/**
 * console-api, one per login, logout and write. Ids are strings whatever the column type, so the
 * schema outlives a change of key type.
 */
export const auditRecord = Type.Object(
  {
    requestId: Type.String(),
    action: Type.Enum([
      'login',
      'login_failed',
      'logout',
      'logout_everywhere',
      'password_change',
      'password_change_failed',
      'create',
      'update',
      'delete',
    ]),
    outcome: Type.Union([Type.Literal('success'), Type.Literal('failure')]),
    /** Who: absent for a failed login of an unknown account. */
    userId: Type.Optional(Type.String()),
    tenantId: Type.Optional(Type.String()),
    /** What: `session`, `campaign`, `creative`… and its id for writes. */
    resource: Type.String({ minLength: 1, maxLength: 64 }),
    resourceId: Type.Optional(Type.String()),
    /** The client address as the service saw it (after TRUST_PROXY_HOPS). */
    ip: Type.String(),
  },
  { additionalProperties: false },
)
export type AuditRecord = Static<typeof auditRecord>

/** Every tag hexad writes, with its record schema. A tag is born here, nowhere else. */
export const analyticsRecords = {
  ad_request: adRequestRecord,
  impression: trackingRecord,
  click: trackingRecord,
  audit: auditRecord,
}
export type AnalyticsTag = keyof typeof analyticsRecords
export type AnalyticsRecord<K extends AnalyticsTag = AnalyticsTag> = Static<
  (typeof analyticsRecords)[K]
>
export const ANALYTICS_TAGS = Object.keys(analyticsRecords) as AnalyticsTag[]
