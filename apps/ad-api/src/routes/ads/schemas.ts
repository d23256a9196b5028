import { FREQUENCY_PATTERN } from '@hexad/contracts/ads/frequency'
import Type from 'typebox'
import { slotPattern } from '../../tokens/token.ts'

export const AdQuery = Type.Object({
  slot: Type.String({ pattern: slotPattern, description: 'The publisher’s name for the ad slot' }),
  lat: Type.Optional(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Type.Optional(Type.Number({ minimum: -180, maximum: 180 })),
  size: Type.Optional(
    Type.String({
      pattern: '^[1-9]\\d{0,3}x[1-9]\\d{0,3}$',
      description: 'The slot’s size, `300x250`: only creatives of that size are chosen',
    }),
  ),
  fc: Type.Optional(
    Type.String({
      pattern: FREQUENCY_PATTERN,
      description:
        'Impressions this reader had today per campaign (`12:3,40:1`), counted by the tag in the publisher’s storage, for frequency caps',
    }),
  ),
})

/** The `fc` parameter as campaign → impressions today. */
export function parseSeen(fc: string): Map<number, number> {
  const seen = new Map<number, number>()
  for (const pair of fc.split(',')) {
    const colon = pair.indexOf(':')
    seen.set(Number(pair.slice(0, colon)), Number(pair.slice(colon + 1)))
  }
  return seen
}
