import type { Ad } from '@hexad/contracts/ads'
import { pointInside, pointOutside, type Fence, type Point } from './geo.ts'
import {
  setupFetch,
  TargetError,
  type FlowContext,
  type Scenario,
  type TaggedRequest,
} from './scenario.ts'

// The demo campaigns' fences (seeded in development; see @hexad/db's seed). Against another
// environment the inside points still land in central Tokyo, where that environment's campaigns
// may or may not be: the unfenced campaign fills either way.
const FENCES: Fence[] = [
  { lat: 35.6595, lng: 139.7005, radiusM: 800 }, // Shibuya
  { lat: 35.6896, lng: 139.7006, radiusM: 1200 }, // Shinjuku
  { lat: 35.6717, lng: 139.765, radiusM: 600 }, // Ginza
]
// Greater Tokyo, for the points outside every fence.
const AREA: [Point, Point] = [
  { lat: 35.55, lng: 139.55 },
  { lat: 35.8, lng: 139.9 },
]
/** Share of ad requests made from inside a fence; the rest come from elsewhere in Tokyo. */
export const INSIDE_SHARE = 0.7
/** Share of impressions that are then clicked. */
export const CLICK_SHARE = 0.1
const SLOT = 'loadtest'
// A reader's browser: ad-api serves known bots (autocannon's and Node's user agents among them)
// no ad and records nothing for them.
const READER_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

/** A page asking for an ad at a random point, as the ad tag would. */
function adPath(random: () => number): string {
  const inside = random() < INSIDE_SHARE
  const fence = FENCES[Math.floor(random() * FENCES.length)] ?? FENCES[0]!
  const p = inside ? pointInside(fence, random) : pointOutside(FENCES, AREA, random)
  return `/v1/ads?slot=${SLOT}&lat=${p.lat.toFixed(5)}&lng=${p.lng.toFixed(5)}`
}

/**
 * The tracking URLs are absolute on the service's PUBLIC_BASE_URL (what browsers reach); the
 * load goes to --target, so keep only the path.
 */
function pathOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  try {
    const parsed = new URL(url)
    return parsed.pathname + parsed.search
  } catch {
    return undefined
  }
}

export const publisher: Scenario = {
  name: 'publisher',
  description: 'ad request at a point inside or outside the fences → impression → click on a share',
  endpoints: [
    { id: 'ads', label: 'GET /v1/ads', expect: [200, 204] },
    { id: 'imp', label: 'GET /v1/imp/:token', expect: [204] },
    { id: 'click', label: 'GET /v1/click/:token', expect: [302] },
  ],

  // One ad request first: a target that is down or isn't ad-api fails here with one clear line
  // instead of a report full of connection errors.
  async prepare(target) {
    const { response, call } = await setupFetch(
      'preflight GET /v1/ads',
      new URL(adPath(Math.random), target),
      { headers: { 'user-agent': READER_USER_AGENT } },
    )
    await response.arrayBuffer()
    if (response.status !== 200 && response.status !== 204) {
      throw new TargetError(
        `${target.origin} answered ${response.status} to an ad request: is it ad-api?`,
      )
    }
    return { headers: { 'user-agent': READER_USER_AGENT }, setup: [call] }
  },

  requests(problems) {
    const random = Math.random
    const ads: TaggedRequest = {
      endpoint: 'ads',
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: adPath(random) }),
      onResponse: (status, body, context: FlowContext) => {
        if (status !== 200) return
        try {
          // Typed by the ads contract, so a renamed field fails the typecheck here; checked at run time
          // by pathOf, since a load test must count a bad body, not stop on it.
          const ad = JSON.parse(body) as Partial<Record<keyof Ad, unknown>>
          context.impPath = pathOf(ad.impUrl)
          context.clickPath = pathOf(ad.clickUrl)
        } catch {
          // Left empty: the flow restarts instead of firing a made-up impression.
        }
        if (!context.impPath || !context.clickPath) problems.badResponse('ads', 'bad body')
      },
    }
    const impression: TaggedRequest = {
      endpoint: 'imp',
      method: 'GET',
      setupRequest: (request, context) =>
        typeof context.impPath === 'string' ? { ...request, path: context.impPath } : undefined,
    }
    const click: TaggedRequest = {
      endpoint: 'click',
      method: 'GET',
      setupRequest: (request, context) =>
        typeof context.clickPath === 'string' && random() < CLICK_SHARE
          ? { ...request, path: context.clickPath }
          : undefined,
    }
    return [ads, impression, click]
  },
}
