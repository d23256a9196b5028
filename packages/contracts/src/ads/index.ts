// ad-api ↔ ad tag: what GET /v1/ads answers when it has an ad (204, no body, when it has none).
// ad-api serializes with these schemas; the tag imports the types only.
import Type, { type Static } from 'typebox'

/** A creative as a publisher's page shows it. */
export const AdCreative = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  width: Type.Integer(),
  height: Type.Integer(),
})
export type AdCreative = Static<typeof AdCreative>

export const Ad = Type.Object({
  requestId: Type.String({ format: 'uuid' }),
  creative: AdCreative,
  /** Fetched once when the ad is viewable: counts the impression. */
  impUrl: Type.String(),
  /** The ad's link: counts the click and redirects to the landing page. */
  clickUrl: Type.String(),
})
export type Ad = Static<typeof Ad>
