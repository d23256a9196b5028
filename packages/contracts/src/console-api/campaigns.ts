import Type, { type Static } from 'typebox'
import { DateString, HttpsUrl, IdParam } from './common.ts'
import { patchBody, timestamps } from './records.ts'
import { CampaignDayCounts } from './reports.ts'

export const CampaignStatus = Type.Enum(['active', 'paused'])
export type CampaignStatus = Static<typeof CampaignStatus>

/** How the daily cap is spent: spread over the advertiser's day, or as fast as traffic allows. */
export const PacingMode = Type.Enum(['even', 'asap'])
export type PacingMode = Static<typeof PacingMode>

export const Geofence = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    // Below 50 m a phone's position is noise; above 50 km it is a region, not a fence.
    radiusM: Type.Integer({ minimum: 50, maximum: 50_000 }),
  },
  { additionalProperties: false },
)
export type Geofence = Static<typeof Geofence>

const campaignFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  status: CampaignStatus,
  startDate: DateString,
  endDate: DateString,
  geofence: Type.Union([Geofence, Type.Null()]),
  landingUrl: HttpsUrl,
  dailyImpressionCap: Type.Union([
    Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    Type.Null(),
  ]),
  // The share of slots against the other campaigns of the same class (fenced, or run of network).
  weight: Type.Integer({ minimum: 1, maximum: 1_000 }),
  pacing: PacingMode,
  // Impressions per reader per day, counted by the tag in the publisher's own storage.
  frequencyCap: Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()]),
}

/**
 * The one rule the schema cannot state: a campaign ends on or after the day it starts. console-api
 * refuses a body that breaks it; the console checks it before sending, with this same function.
 */
export function endsBeforeStart(dates: { startDate: string; endDate: string }): boolean {
  return dates.endDate < dates.startDate
}

export const CreateCampaignBody = Type.Object(
  {
    ...campaignFields,
    status: Type.Optional(campaignFields.status),
    geofence: Type.Optional(campaignFields.geofence),
    dailyImpressionCap: Type.Optional(campaignFields.dailyImpressionCap),
    weight: Type.Optional(campaignFields.weight),
    pacing: Type.Optional(campaignFields.pacing),
    frequencyCap: Type.Optional(campaignFields.frequencyCap),
  },
  { additionalProperties: false },
)
export type CreateCampaignBody = Static<typeof CreateCampaignBody>

export const UpdateCampaignBody = patchBody(campaignFields)
export type UpdateCampaignBody = Static<typeof UpdateCampaignBody>

export const Campaign = Type.Object({
  id: Type.Integer(),
  ...campaignFields,
  ...timestamps,
})
export type Campaign = Static<typeof Campaign>

export const CampaignParams = Type.Object({ id: IdParam })
export type CampaignParams = Static<typeof CampaignParams>

export const ListCampaignsQuery = Type.Object(
  {
    status: Type.Optional(CampaignStatus),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    // Bounded like every number a request sends: the database walks `offset` rows to skip them.
    offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
  },
  { additionalProperties: false },
)
export type ListCampaignsQuery = Static<typeof ListCampaignsQuery>

export const CampaignPage = Type.Object({
  items: Type.Array(Campaign),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
  /**
   * Today in the advertiser's time zone, and each listed campaign's counts so far (zeros when
   * none yet), counted up to `asOf` (Report's asOf: where the report job got to).
   */
  today: Type.Object({
    date: Type.String(),
    asOf: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    counts: Type.Array(CampaignDayCounts),
  }),
})
export type CampaignPage = Static<typeof CampaignPage>
