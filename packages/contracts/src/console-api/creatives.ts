import Type, { type Static } from 'typebox'
import { HttpsUrl, IdParam } from './common.ts'
import { patchBody, timestamps } from './records.ts'

const creativeFields = {
  title: Type.String({ minLength: 1, maxLength: 100 }),
  body: Type.String({ minLength: 1, maxLength: 500 }),
  imageUrl: Type.Union([HttpsUrl, Type.Null()]),
  // IAB sizes run from 88×31 to 970×250 and 300×1050; anything outside is a typo.
  width: Type.Integer({ minimum: 10, maximum: 2000 }),
  height: Type.Integer({ minimum: 10, maximum: 2000 }),
  // The call to action on the ad's button ("Order now"); null: no button.
  cta: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()]),
}

export const CreateCreativeBody = Type.Object(
  {
    ...creativeFields,
    imageUrl: Type.Optional(creativeFields.imageUrl),
    cta: Type.Optional(creativeFields.cta),
  },
  { additionalProperties: false },
)
export type CreateCreativeBody = Static<typeof CreateCreativeBody>

export const UpdateCreativeBody = patchBody(creativeFields)
export type UpdateCreativeBody = Static<typeof UpdateCreativeBody>

export const Creative = Type.Object({
  id: Type.Integer(),
  campaignId: Type.Integer(),
  ...creativeFields,
  ...timestamps,
})
export type Creative = Static<typeof Creative>

export const CampaignCreativesParams = Type.Object({ campaignId: IdParam })
export type CampaignCreativesParams = Static<typeof CampaignCreativesParams>

export const CreativeParams = Type.Object({ campaignId: IdParam, id: IdParam })
export type CreativeParams = Static<typeof CreativeParams>

export const CreativeList = Type.Object({ items: Type.Array(Creative) })
export type CreativeList = Static<typeof CreativeList>
