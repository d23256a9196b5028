// Frequency caps without tracking: the tag counts, per campaign and per day, the impressions this
// reader had on this publisher's site, in the publisher's own localStorage (first-party, never
// shared with another site), and sends the counts with its ad requests; ad-api skips a campaign
// whose cap is reached. No identifier leaves the page, and ad-api sets no cookie.

import { FREQUENCY_MAX_CAMPAIGNS, FREQUENCY_MAX_COUNT } from '@hexad/contracts/ads/frequency'

const KEY = 'hexad:frequency'

interface Counts {
  /** The reader's local day, 'YYYY-MM-DD': a new day starts every count at zero. */
  day: string
  seen: Record<string, number>
}

/** The reader's local day, 'YYYY-MM-DD'. */
export const localDay = (now = new Date()) => now.toLocaleDateString('en-CA')

function read(storage: Storage, day: string): Counts {
  try {
    const stored = JSON.parse(storage.getItem(KEY) ?? 'null') as Counts | null
    if (stored?.day === day && stored.seen && typeof stored.seen === 'object') return stored
  } catch {
    // unreadable: start again
  }
  return { day, seen: {} }
}

/** The `fc` parameter (`12:3,40:1`) for today's counts, or undefined when there are none. */
export function frequencyParameter(storage: Storage | null, day = localDay()): string | undefined {
  if (!storage) return undefined
  const pairs = Object.entries(read(storage, day).seen)
    .filter(([id, n]) => /^\d{1,10}$/.test(id) && Number.isInteger(n) && n > 0)
    .map(([id, n]) => `${id}:${Math.min(n, FREQUENCY_MAX_COUNT)}`)
  return pairs.length > 0 ? pairs.slice(0, FREQUENCY_MAX_CAMPAIGNS).join(',') : undefined
}

/** Counts one impression of `campaign` today. */
export function countImpression(storage: Storage | null, campaign: number, day = localDay()) {
  if (!storage) return
  const counts = read(storage, day)
  counts.seen[campaign] = (counts.seen[campaign] ?? 0) + 1
  const entries = Object.entries(counts.seen)
  if (entries.length > FREQUENCY_MAX_CAMPAIGNS) {
    entries.sort((a, b) => b[1] - a[1])
    counts.seen = Object.fromEntries(entries.slice(0, FREQUENCY_MAX_CAMPAIGNS))
  }
  try {
    storage.setItem(KEY, JSON.stringify(counts))
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
