import { createTestDb, insertAdvertiser, insertCampaign, type TestDb } from '@hexad/db/testing'
import type { ServiceInstance } from '@hexad/service-kit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { analyticsRecords, buildTestApp } from '../test/build-test-app.ts'
import { shibuya, shibuyaFence, yoyogiPark } from '../test/fixtures.ts'

describe('analytics records, read back from the files', () => {
  let testDb: TestDb
  let app: ServiceInstance
  let campaign: number

  beforeEach(async () => {
    testDb = await createTestDb('sqlite')
    const advertiser = await insertAdvertiser(testDb.db)
    campaign = await insertCampaign(testDb.db, {
      advertiser_id: advertiser,
      fence: shibuyaFence,
    })
    app = await buildTestApp({ db: testDb.db })
  })
  afterEach(async () => {
    await app.close()
    await testDb.destroy()
  })

  it('writes ad_request, impression and click, with a coarse geohash and no coordinates or IP', async () => {
    const filled = await app.inject({
      url: `/v1/ads?slot=top&lat=${shibuya.lat}&lng=${shibuya.lng}`,
      remoteAddress: '203.0.113.7',
    })
    const ad = filled.json()
    await app.inject(`/v1/ads?slot=side&lat=${yoyogiPark.lat}&lng=${yoyogiPark.lng}`)
    await app.inject('/v1/ads?slot=nogeo')
    await app.inject('/v1/ads?slot=top&lat=99&lng=0') // invalid: no record
    await app.inject(new URL(ad.impUrl).pathname)
    await app.inject(new URL(ad.clickUrl).pathname)
    await app.inject('/v1/imp/tampered.token.here') // refused: no record

    const requests = await analyticsRecords(app, 'ad_request')
    expect(requests).toHaveLength(3)
    const creative = ad.creative.id
    expect(requests[0]).toMatchObject({
      requestId: ad.requestId,
      slot: 'top',
      filled: true,
      campaign,
      creative,
      latencyMs: expect.any(Number),
      geohash: 'xn76f',
    })
    expect(requests[1]).toMatchObject({ slot: 'side', filled: false, geohash: 'xn76f' })
    expect(requests[1]).not.toHaveProperty('campaign')
    expect(requests[2]).toMatchObject({ slot: 'nogeo', filled: false })
    expect(requests[2]).not.toHaveProperty('geohash')
    const text = JSON.stringify(requests)
    for (const secret of ['35.65', '35.67', '139.70', '139.69', '203.0.113.7']) {
      expect(text).not.toContain(secret)
    }

    const tracked = { requestId: ad.requestId, campaign, creative, slot: 'top' }
    expect(await analyticsRecords(app, 'impression')).toEqual([expect.objectContaining(tracked)])
    expect(await analyticsRecords(app, 'click')).toEqual([expect.objectContaining(tracked)])
  })
})
