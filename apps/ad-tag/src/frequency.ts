// Frequency caps without tracking: the tag counts, per campaign, the impressions this reader had
// on this publisher's site, in the publisher's own localStorage (first-party, never shared with
// another site), and sends the counts with its ad requests; ad-api skips a campaign whose cap is
// reached. No identifier leaves the page, and ad-api sets no cookie.
//
// A count lasts until the instant ad-api gave with the ad (`frequencyResetsAt`: the end of the
// campaign's day in its advertiser's time zone), not until the reader's own midnight: a Tokyo
// campaign's "3 a day" is 3 in a Tokyo day wherever the reader's clock is set.

import { FREQUENCY_MAX_CAMPAIGNS, FREQUENCY_MAX_COUNT } from '@hexad/contracts/ads/frequency'

const KEY = 'hexad:frequency'

/** Per campaign id: its impressions and when they stop counting (epoch ms). */
type Counts = Record<string, [count: number, resetsAt: number]>

const isEntry = (value: unknown): value is [number, number] =>
  Array.isArray(value) &&
  value.length === 2 &&
  Number.isInteger(value[0]) &&
  value[0] > 0 &&
  Number.isFinite(value[1])

/** The counts still running at `nowMs`; anything unreadable or from an older tag is dropped. */
function read(storage: Storage, nowMs: number): Counts {
  const counts: Counts = {}
  try {
    const stored: unknown = JSON.parse(storage.getItem(KEY) ?? 'null')
    if (stored && typeof stored === 'object' && !Array.isArray(stored)) {
      for (const [id, entry] of Object.entries(stored)) {
        if (/^\d{1,10}$/.test(id) && isEntry(entry) && entry[1] > nowMs) counts[id] = entry
      }
    }
  } catch {
    // unreadable: start again
  }
  return counts
}

/** The `fc` parameter (`12:3,40:1`) for the counts still running, or undefined when none are. */
export function frequencyParameter(
  storage: Storage | null,
  nowMs = Date.now(),
): string | undefined {
  if (!storage) return undefined
  const pairs = Object.entries(read(storage, nowMs)).map(
    ([id, [count]]) => `${id}:${Math.min(count, FREQUENCY_MAX_COUNT)}`,
  )
  return pairs.length > 0 ? pairs.slice(0, FREQUENCY_MAX_CAMPAIGNS).join(',') : undefined
}

/** Counts one impression of `campaign`, which stops counting at `resetsAt` (epoch ms). */
export function countImpression(
  storage: Storage | null,
  campaign: number,
  resetsAt: number,
  nowMs = Date.now(),
) {
  if (!storage) return
  const counts = read(storage, nowMs)
  const counted: [string, [number, number]] = [
    String(campaign),
    [(counts[campaign]?.[0] ?? 0) + 1, resetsAt],
  ]
  delete counts[campaign]
  // Beyond the limit the least seen others go (the most seen are nearest their caps); the one
  // just seen always stays, or a new campaign could never be counted once the list is full.
  const others = Object.entries(counts)
    .sort((a, b) => b[1][0] - a[1][0])
    .slice(0, FREQUENCY_MAX_CAMPAIGNS - 1)
  try {
    storage.setItem(KEY, JSON.stringify(Object.fromEntries([counted, ...others])))
  } catch {
    // full or refused: the cap is then ad-api's to miss, not the page's to break on
  }
}

/** The publisher's localStorage, or null where the browser refuses it (sandboxed, private). */
export function pageStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
