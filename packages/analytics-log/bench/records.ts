// The records every contender writes: ~200 bytes per line once stamped with time, tag and pod.
import Type, { type Static } from 'typebox'

export const impression = Type.Object({
  seq: Type.Integer({ minimum: 0 }),
  requestId: Type.String(),
  placementId: Type.String(),
  campaignId: Type.Integer(),
  creativeId: Type.Integer(),
  region: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  bidMicros: Type.Integer(),
})
export type Impression = Static<typeof impression>

const HEX = '0123456789abcdef'
const ids = Array.from({ length: 1024 }, (_, i) => {
  let s = ''
  for (let k = 0; k < 32; k++) s += HEX[(i * 7919 + k * 104729) % 16]
  return s.slice(0, 16)
})
const regions = ['JP-13', 'JP-27', 'JP-14', 'JP-23', 'JP-01', 'JP-40']

/** A fresh object per call, as a request handler would build it. */
export function makeRecord(seq: number): Impression {
  const i = seq & 1023
  return {
    seq,
    requestId: ids[i]!,
    placementId: `p${i % 97}`,
    campaignId: 1000 + (i % 37),
    creativeId: 50_000 + (i % 311),
    region: regions[i % 6]!,
    lat: 35 + (i % 500) / 1000,
    lon: 139 + (i % 700) / 1000,
    bidMicros: 1250 + (seq % 5000),
  }
}
