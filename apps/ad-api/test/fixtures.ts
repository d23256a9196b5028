// Places and spans the selection tests share; the rows themselves come from @hexad/db/testing.
import type { Fence } from '@hexad/db/testing'
import { campaignWindow } from '../src/index/campaign-days.ts'
import type { Geofence, IndexedCampaign } from '../src/index/campaign-index.ts'

/** Shibuya crossing, and Yoyogi Park about 1.4 km north of it (outside an 800 m fence). */
export const shibuya = { lat: 35.6595, lng: 139.7005 }
export const yoyogiPark = { lat: 35.6717, lng: 139.6949 }
export const shibuyaFence: Fence = { ...shibuya, radiusM: 800 }

/** Chrome's user agent on a desktop, as a reader's browser sends it: Node's own ('node') and
 * light-my-request's are on isbot's list, so tests and benches that speak as a reader send this. */
export const browserUserAgent =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

/**
 * A servable index entry: live through June 2026 (UTC days unless `extra` gives a zone), weight 1,
 * no caps, one 300×250 creative; its instants follow the dates and zone it ends up with.
 */
export function indexedCampaign(
  id: number,
  fence: Geofence | null,
  extra: Partial<IndexedCampaign> & { startDate?: string; endDate?: string } = {},
): IndexedCampaign {
  const { startDate = '2026-06-01', endDate = '2026-06-30', timeZone = 'UTC', ...rest } = extra
  return {
    id,
    fence,
    dailyCap: null,
    weight: 1,
    pacing: 'even',
    frequencyCap: null,
    creatives: [
      { id: id * 10, title: 't', body: 'b', imageUrl: null, width: 300, height: 250, cta: null },
    ],
    ...rest,
    timeZone,
    ...campaignWindow(startDate, endDate, timeZone),
  }
}

/** A seeded generator in [0, 1), so a failure can be replayed. */
export function lcg(seed: number) {
  let state = seed
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}
