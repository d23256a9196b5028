import type { Ad } from '@hexad/contracts/ads'

export interface AdQuery {
  slot: string
  position: { lat: number; lng: number } | null
  /** The slot's size, `300x250`: only creatives made for it. */
  size?: string
  /** Today's impressions per campaign, `12:3,40:1` (frequency.ts). */
  fc?: string
}

// The answer lands on a publisher's page: anything not shaped like an ad is treated as no ad.
function isAd(value: unknown): value is Ad {
  const ad = value as Partial<Ad> | null
  const creative = ad?.creative
  return (
    typeof ad?.impUrl === 'string' &&
    Number.isInteger(ad.campaignId) &&
    typeof ad.clickUrl === 'string' &&
    typeof creative?.title === 'string' &&
    typeof creative.body === 'string' &&
    (creative.imageUrl === null || typeof creative.imageUrl === 'string') &&
    Number.isFinite(creative.width) &&
    Number.isFinite(creative.height)
  )
}

// Five decimals is about a metre: all the fence test needs, and no more than that is sent.
const coordinate = (value: number) => value.toFixed(5)

/**
 * Asks ad-api for an ad: the ad, or null for no fill (204) or an answer that isn't one. Rejects
 * when ad-api can't be reached or is too slow; the element turns every failure into a collapse.
 */
export async function requestAd(
  apiOrigin: string,
  { slot, position, size, fc }: AdQuery,
  timeoutMs = 5_000,
): Promise<Ad | null> {
  const url = new URL('/v1/ads', apiOrigin)
  url.searchParams.set('slot', slot)
  if (position) {
    url.searchParams.set('lat', coordinate(position.lat))
    url.searchParams.set('lng', coordinate(position.lng))
  }
  if (size) url.searchParams.set('size', size)
  if (fc) url.searchParams.set('fc', fc)
  const response = await fetch(url, {
    credentials: 'omit',
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (response.status !== 200) return null
  const body: unknown = await response.json()
  return isAd(body) ? body : null
}

export interface RetryPolicy {
  /** Sends at most, the first included. */
  tries: number
  /** The wait after the first refusal, doubled after each one. */
  backoffMs: number
  /** No wait is longer, whatever Retry-After asks. */
  maxWaitMs: number
}

export const IMPRESSION_RETRY: RetryPolicy = { tries: 4, backoffMs: 1_000, maxWaitMs: 8_000 }

/**
 * Tells ad-api the ad was seen. keepalive: it still leaves if the reader navigates away. A 503
 * means ad-api could not record it now: it is sent again with the same URL (ad-api records a
 * token once, so a retry never counts twice) after Retry-After or the backoff, whichever is
 * longer, within `maxWaitMs`, `tries` times at most. Anything else ends it: recorded (2xx), a
 * token ad-api will never take (4xx, 410 once expired), or no answer at all.
 */
export async function sendImpression(impUrl: string, retry = IMPRESSION_RETRY): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    let response: Response
    try {
      response = await fetch(impUrl, { credentials: 'omit', keepalive: true })
    } catch {
      return // nothing to do for the publisher's page; ad-api counts what arrives
    }
    if (response.status !== 503 || attempt >= retry.tries) return
    const asked = Number(response.headers.get('retry-after') ?? '') * 1000 // seconds; a date: NaN
    const backoff = retry.backoffMs * 2 ** (attempt - 1)
    const wait = Math.min(retry.maxWaitMs, Math.max(backoff, asked >= 0 ? asked : 0))
    await new Promise((resolve) => setTimeout(resolve, wait))
  }
}
