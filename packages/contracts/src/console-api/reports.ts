import Type, { type Static } from 'typebox'
import { DateString, IdParam } from './common.ts'

export const ReportQuery = Type.Object(
  {
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    campaignId: Type.Optional(IdParam),
  },
  { additionalProperties: false },
)
export type ReportQuery = Static<typeof ReportQuery>

const Counts = {
  impressions: Type.Integer(),
  clicks: Type.Integer(),
  /** clicks / impressions, 0 when there were no impressions. */
  ctr: Type.Number(),
}

/** One campaign's counts on one day (the campaign list's "today"). */
export const CampaignDayCounts = Type.Object({ campaignId: Type.Integer(), ...Counts })
export type CampaignDayCounts = Static<typeof CampaignDayCounts>

/** One day of a report; days without traffic are there too, as zeros. */
export const ReportDay = Type.Object({ date: Type.String(), ...Counts })
export type ReportDay = Static<typeof ReportDay>

export const Report = Type.Object({
  from: Type.String(),
  to: Type.String(),
  campaignId: Type.Union([Type.Integer(), Type.Null()]),
  days: Type.Array(ReportDay),
  totals: Type.Object(Counts),
  /**
   * Every impression and click written before this instant is in the counts (later ones may be
   * in part): where the report job's last run got to. Null until it has first run.
   */
  asOf: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
})
export type Report = Static<typeof Report>
