import Type from 'typebox'
import { slotPattern } from '../../tokens/token.ts'

export const AdQuery = Type.Object({
  slot: Type.String({ pattern: slotPattern, description: 'The publisher’s name for the ad slot' }),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
})
