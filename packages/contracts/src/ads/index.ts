// ad-api ↔ ad tag: what GET /v1/ads answers when it has an ad (204, no body, when it has none).
// ad-api serializes with these schemas; the tag imports the types only.
import Type, { type Static } from 'typebox'

/** A creative as a publisher's page shows it. */
export const AdCreative = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  body: Type.String(),
  imageUrl: Type.Union([Type.String(), Type.Null()]),
  /** The size it is made for, one a slot asks for (300×250, 320×50, 728×90…). */
  width: Type.Integer(),
  height: Type.Integer(),
  /** The call to action ("Order now"), or null for none. */
  cta: Type.Union([Type.String(), Type.Null()]),
})
export type AdCreative = Static<typeof AdCreative>

export const Ad = Type.Object({
  requestId: Type.String({ format: 'uuid' }),
  campaignId: Type.Integer(),
  /** Impressions per reader per day: the tag counts this campaign's in the page's own storage
   * and sends the counts with its next requests (`fc`). Null: no cap, nothing to count. */
  frequencyCap: Type.Union([Type.Integer(), Type.Null()]),
  /** When the reader's count of this campaign starts again at zero (epoch ms): the end of the
   * campaign's day in its advertiser's time zone, the day its dates, daily cap and reports keep,
   * whatever the reader's own zone. Null when frequencyCap is. */
  frequencyResetsAt: Type.Union([Type.Integer(), Type.Null()]),
  creative: AdCreative,
  /** Fetched once when the ad is viewable: counts the impression. */
  impUrl: Type.String(),
  /** The ad's link: counts the click and redirects to the landing page. */
  clickUrl: Type.String(),
})
export type Ad = Static<typeof Ad>
