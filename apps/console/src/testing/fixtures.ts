import type { Campaign, CampaignPage, Creative, SessionInfo } from '@hexad/contracts/console-api'

export const session: SessionInfo = {
  user: {
    id: 1,
    email: 'demo@hexad.example',
    advertiserId: 1,
    advertiserName: 'Hexad Demo Coffee',
    timeZone: 'Asia/Tokyo',
  },
  csrfToken: 'csrf-123',
}

export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 7,
    name: 'Shibuya crossing lunch',
    status: 'active',
    startDate: '2026-11-01',
    endDate: '2026-12-31',
    geofence: { lat: 35.6595, lng: 139.7005, radiusM: 800 },
    landingUrl: 'https://coffee.example.com/campaign/1',
    dailyImpressionCap: 50000,
    weight: 1,
    pacing: 'even',
    frequencyCap: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  }
}

export function creative(overrides: Partial<Creative> = {}): Creative {
  return {
    id: 3,
    campaignId: 7,
    title: 'Shibuya coffee break',
    body: 'Two minutes from the crossing.',
    imageUrl: null,
    width: 300,
    height: 250,
    cta: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  }
}

/** A page of the campaign list as the API answers it, today's counts given or zeros. */
export function campaignPage(
  items: Campaign[],
  { total = items.length, limit = 20, counts = {} as Record<number, [number, number]> } = {},
): CampaignPage {
  return {
    items,
    total,
    limit,
    offset: 0,
    today: {
      date: '2026-12-01',
      asOf: '2026-12-01T03:05:00.000Z',
      counts: items.map(({ id }) => {
        const [impressions, clicks] = counts[id] ?? [0, 0]
        return { campaignId: id, impressions, clicks, ctr: impressions ? clicks / impressions : 0 }
      }),
    },
  }
}
