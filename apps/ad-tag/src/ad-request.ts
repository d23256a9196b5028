import type { Ad } from '@hexad/contracts/ads'

export interface AdQuery {
  slot: string
  position: { lat: number; lng: number } | null
}

// The answer lands on a publisher's page: anything not shaped like an ad is treated as no ad.
function isAd(value: unknown): value is Ad {
  const ad = value as Partial<Ad> | null
  const creative = ad?.creative
  return (
    typeof ad?.impUrl === 'string' &&
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
  { slot, position }: AdQuery,
  timeoutMs = 5_000,
): Promise<Ad | null> {
  const url = new URL('/v1/ads', apiOrigin)
  url.searchParams.set('slot', slot)
  if (position) {
    url.searchParams.set('lat', coordinate(position.lat))
    url.searchParams.set('lng', coordinate(position.lng))
  }
  const response = await fetch(url, {
    credentials: 'omit',
    signal: AbortSignal.timeout(timeoutMs),
  })
  if (response.status !== 200) return null
  const body: unknown = await response.json()
  return isAd(body) ? body : null
}

/** Tells ad-api the ad was seen. keepalive: it still leaves if the reader navigates away. */
export function sendImpression(impUrl: string): Promise<void> {
  return fetch(impUrl, { credentials: 'omit', keepalive: true }).then(
    () => undefined,
    () => undefined, // nothing to do for the publisher's page; ad-api counts what arrives
  )
}
