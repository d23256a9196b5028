import Type, { type Static } from 'typebox'

declare module '@hexad/analytics-log' {
  // Types app.analytics.write: a tag not listed here, or a record of the wrong shape, won't compile.
  interface AnalyticsTags {
    ad_request: typeof adRequestRecord
    impression: typeof trackingRecord
    click: typeof trackingRecord
  }
}

// The records a business counts, one schema per tag: analytics-log refuses anything else.
// Location is a ≤ 5-character geohash (about 5 km), never coordinates and never the IP.

const Id = Type.Integer({ minimum: 1 })
const RequestId = Type.String({ format: 'uuid' })
const Slot = Type.String({ minLength: 1, maxLength: 64 })

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

export const trackingRecord = Type.Object(
  { requestId: RequestId, campaign: Id, creative: Id, slot: Slot },
  { additionalProperties: false },
)

export const analyticsTags = {
  ad_request: adRequestRecord,
  impression: trackingRecord,
  click: trackingRecord,
}
