import Type, { type Static } from 'typebox'
import { DateString, IdParam } from '../../schemas/common.ts'

export const CampaignStatus = Type.Enum(['active', 'paused'])

export const Geofence = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    // Below 50 m a phone's position is noise; above 50 km it is a region, not a fence.
    radiusM: Type.Integer({ minimum: 50, maximum: 50_000 }),
  },
  { additionalProperties: false },
)

/** Landing pages must be https: an ad click must never downgrade a user to plain http. */
export const HttpsUrl = Type.String({ format: 'uri', pattern: '^https://', maxLength: 2048 })

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
}

export const CreateCampaignBody = Type.Object(
  {
    ...campaignFields,
    status: Type.Optional(campaignFields.status),
    geofence: Type.Optional(campaignFields.geofence),
    dailyImpressionCap: Type.Optional(campaignFields.dailyImpressionCap),
  },
  { additionalProperties: false },
)
export type CreateCampaignInput = Static<typeof CreateCampaignBody>

export const UpdateCampaignBody = Type.Partial(Type.Object(campaignFields), {
  additionalProperties: false,
  minProperties: 1,
})
export type UpdateCampaignInput = Static<typeof UpdateCampaignBody>

export const Campaign = Type.Object({
  id: Type.Integer(),
  ...campaignFields,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type CampaignDto = Static<typeof Campaign>

export const CampaignParams = Type.Object({ id: IdParam })

export const ListCampaignsQuery = Type.Object(
  {
    status: Type.Optional(CampaignStatus),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    offset: Type.Integer({ minimum: 0, default: 0 }),
  },
  { additionalProperties: false },
)

export const CampaignPage = Type.Object({
  items: Type.Array(Campaign),
  total: Type.Integer(),
  limit: Type.Integer(),
  offset: Type.Integer(),
})
