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

/**
 * How many days each report may span (`from` to `to`, both counted), and how many it spans when
 * the query names no `from`: console-api refuses a longer range (`rangeTooLong`), the console
 * does not ask for one. By hour is a row per hour: a month is 744 rows, what a chart still shows.
 */
export const REPORT_RANGES = {
  day: { maxDays: 366, defaultDays: 30 },
  creative: { maxDays: 366, defaultDays: 30 },
  hour: { maxDays: 31, defaultDays: 7 },
} as const
export type ReportRangeLimits = (typeof REPORT_RANGES)[keyof typeof REPORT_RANGES]

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

/** What every report answers besides its rows: the range, the filter, the totals, "as of". */
const ReportHead = {
  from: Type.String(),
  to: Type.String(),
  campaignId: Type.Union([Type.Integer(), Type.Null()]),
  totals: Type.Object(Counts),
  /**
   * Every impression and click written before this instant is in the counts (later ones may be
   * in part): where the report job's last run got to. Null until it has first run.
   */
  asOf: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
}

/** `GET /api/reports`: per advertiser's day. */
export const Report = Type.Object({ ...ReportHead, days: Type.Array(ReportDay) })
export type Report = Static<typeof Report>

/** One creative's counts over a report's range; a deleted creative keeps its row, titled null. */
export const ReportCreative = Type.Object({
  creativeId: Type.Integer(),
  campaignId: Type.Integer(),
  campaignName: Type.String(),
  title: Type.Union([Type.String(), Type.Null()]),
  ...Counts,
})
export type ReportCreative = Static<typeof ReportCreative>

/** `GET /api/reports/creatives`: per creative with traffic in the range, most impressions first. */
export const CreativeReport = Type.Object({
  ...ReportHead,
  creatives: Type.Array(ReportCreative),
})
export type CreativeReport = Static<typeof CreativeReport>

/**
 * One hour of the advertiser's day. `hour` is its start on their wall clock with the offset,
 * `2026-12-01T09:00+09:00`: a 25-hour day has two `…T01:00`, told apart by the offset.
 */
export const ReportHour = Type.Object({ hour: Type.String(), ...Counts })
export type ReportHour = Static<typeof ReportHour>

/** `GET /api/reports/hours`: every hour of the range's days (23 or 25 on a clock change), zeros too. */
export const HourlyReport = Type.Object({
  ...ReportHead,
  /** The advertiser's IANA time zone, whose hours these are. */
  timeZone: Type.String(),
  hours: Type.Array(ReportHour),
})
export type HourlyReport = Static<typeof HourlyReport>
