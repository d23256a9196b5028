import Type from 'typebox'
import { DateString, IdParam } from '../../schemas/common.ts'

export const ReportQuery = Type.Object(
  {
    from: Type.Optional(DateString),
    to: Type.Optional(DateString),
    campaignId: Type.Optional(IdParam),
  },
  { additionalProperties: false },
)

const Counts = {
  impressions: Type.Integer(),
  clicks: Type.Integer(),
  /** clicks / impressions, 0 when there were no impressions. */
  ctr: Type.Number(),
}

export const Report = Type.Object({
  from: Type.String(),
  to: Type.String(),
  campaignId: Type.Union([Type.Integer(), Type.Null()]),
  days: Type.Array(Type.Object({ date: Type.String(), ...Counts })),
  totals: Type.Object(Counts),
})
