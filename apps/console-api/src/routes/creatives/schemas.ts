import Type, { type Static } from 'typebox'
import { IdParam } from '../../schemas/common.ts'
import { HttpsUrl } from '../campaigns/schemas.ts'

const creativeFields = {
  title: Type.String({ minLength: 1, maxLength: 100 }),
  body: Type.String({ minLength: 1, maxLength: 500 }),
  imageUrl: Type.Union([HttpsUrl, Type.Null()]),
  // IAB sizes run from 88×31 to 970×250 and 300×1050; anything outside is a typo.
  width: Type.Integer({ minimum: 10, maximum: 2000 }),
  height: Type.Integer({ minimum: 10, maximum: 2000 }),
}

export const CreateCreativeBody = Type.Object(
  { ...creativeFields, imageUrl: Type.Optional(creativeFields.imageUrl) },
  { additionalProperties: false },
)
export type CreateCreativeInput = Static<typeof CreateCreativeBody>

export const UpdateCreativeBody = Type.Partial(Type.Object(creativeFields), {
  additionalProperties: false,
  minProperties: 1,
})
export type UpdateCreativeInput = Static<typeof UpdateCreativeBody>

export const Creative = Type.Object({
  id: Type.Integer(),
  campaignId: Type.Integer(),
  ...creativeFields,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
})
export type CreativeDto = Static<typeof Creative>

export const CampaignCreativesParams = Type.Object({ campaignId: IdParam })
export const CreativeParams = Type.Object({ campaignId: IdParam, id: IdParam })
export const CreativeList = Type.Object({ items: Type.Array(Creative) })
