import { describe, expect, it } from 'vitest'
import { campaign } from '../testing/fixtures.ts'
import { draftFrom, inputFrom } from './campaign-draft.ts'

describe('campaign drafts', () => {
  it('round-trips a campaign through the form model', () => {
    const c = campaign()
    expect(inputFrom(draftFrom(c, '2026-11-25'))).toEqual({
      name: c.name,
      status: c.status,
      startDate: c.startDate,
      endDate: c.endDate,
      geofence: c.geofence,
      landingUrl: c.landingUrl,
      dailyImpressionCap: c.dailyImpressionCap,
      weight: c.weight,
      pacing: c.pacing,
      frequencyCap: c.frequencyCap,
    })
  })

  it('sends no geofence when targeting is off, null for empty caps, and the API defaults', () => {
    const draft = { ...draftFrom(null, '2026-11-25'), name: ' Ginza ' }
    expect(inputFrom(draft)).toMatchObject({
      name: 'Ginza',
      startDate: '2026-11-25',
      endDate: '2026-12-25',
      geofence: null,
      dailyImpressionCap: null,
      weight: 1,
      pacing: 'even',
      frequencyCap: null,
    })
  })

  it('lets the API judge an incomplete geofence instead of inventing zeros', () => {
    const draft = {
      ...draftFrom(null, '2026-11-25'),
      useGeofence: true,
      lat: 35.6 as const,
      lng: '' as const,
    }
    expect(inputFrom(draft).geofence).toEqual({ lat: 35.6, lng: null, radiusM: 500 })
  })
})
