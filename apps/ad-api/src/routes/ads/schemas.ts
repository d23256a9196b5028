import Type from 'typebox'
import { slotPattern } from '../../tokens/token.ts'

export const AdQuery = Type.Object({
  slot: Type.String({ pattern: slotPattern, description: 'The publisher’s name for the ad slot' }),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
})

export const Creative = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  width: Type.Integer(),
  height: Type.Integer(),
})

export const Ad = Type.Object({
  requestId: Type.String({ format: 'uuid' }),
  creative: Creative,
  impUrl: Type.String(),
  clickUrl: Type.String(),
})
