import { DAY_MS } from '@hexad/contracts/time'
import { toSqlDate } from '@hexad/db'
import {
  createTestDb,
  insertAdvertiser,
  insertCampaign,
  testEngines,
  type CampaignRow,
  type TestDb,
} from '@hexad/db/testing'
import type { ServiceInstance } from '@hexad/service-kit'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { analyticsRecords, buildTestApp, testClock } from '../../../test/build-test-app.ts'
import { securityHeaders } from '../../security-headers.ts'
import { shibuya, shibuyaFence, yoyogiPark } from '../../../test/fixtures.ts'

describe.each(testEngines)('GET /v1/ads on %s', (engine) => {
  let testDb: TestDb
  let app: ServiceInstance | undefined
  let advertiser: number
  let clock = testClock()
  const now = clock.now()

  beforeEach(async () => {
    clock = testClock()
    testDb = await createTestDb(engine)
    advertiser = await insertAdvertiser(testDb.db)
  })
  afterEach(async () => {
    await app?.close()
    app = undefined
    await testDb.destroy()
  })

  /** A campaign of the test advertiser built on the test clock, fenced around Shibuya. */
  const shibuyaCampaign = (row: Partial<CampaignRow> = {}) =>
    insertCampaign(testDb.db, { now, advertiser_id: advertiser, fence: shibuyaFence, ...row })

  async function start() {
    app = await buildTestApp({ db: testDb.db, now: () => clock.now() })
    return app
  }

  /** Which campaigns a request can get: asks often enough to see every one of them. */
  async function servedAt(point: { lat: number; lng: number } | undefined): Promise<number[]> {
    const query = point ? `&lat=${point.lat}&lng=${point.lng}` : ''
    const seen = new Set<number>()
    for (let i = 0; i < 40; i++) {
      const res = await app!.inject(`/v1/ads?slot=top${query}`)
      if (res.statusCode === 204) continue
      expect(res.statusCode).toBe(200)
      const body = res.json()
      const token = body.impUrl.split('/').at(-1)
      seen.add(app!.adTokens.verify(token).campaign)
    }
    return [...seen].sort((a, b) => a - b)
  }

  it('answers with a creative and signed tracking URLs', async () => {
    const id = await shibuyaCampaign()
    await start()
    const res = await app!.inject(`/v1/ads?slot=home-top&lat=${shibuya.lat}&lng=${shibuya.lng}`)
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('no-store')
    const body = res.json()
    expect(body).toEqual({
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      campaignId: id,
      frequencyCap: null,
      frequencyResetsAt: null,
      creative: {
        id: expect.any(Number),
        title: 'Creative 1',
        body: 'Coffee, two minutes away.',
        imageUrl: null,
        width: 300,
        height: 250,
        cta: null,
      },
      impUrl: expect.stringMatching(
        /^https:\/\/ads\.example\.test\/v1\/imp\/[\w-]+\.[\w-]+\.[\w-]+$/,
      ),
      clickUrl: expect.stringMatching(/^https:\/\/ads\.example\.test\/v1\/click\//),
    })
    const claims = app!.adTokens.verify(body.impUrl.split('/').at(-1))
    expect(claims).toMatchObject({ requestId: body.requestId, campaign: id, slot: 'home-top' })
  })

  it('serves a fenced campaign inside its fence, over unfenced ones, which serve elsewhere', async () => {
    const fenced = await shibuyaCampaign()
    const anywhere = await shibuyaCampaign({ fence: null, weight: 1_000 })
    await start()
    expect(await servedAt(shibuya)).toEqual([fenced])
    expect(await servedAt(yoyogiPark)).toEqual([anywhere])
    expect(await servedAt(undefined)).toEqual([anywhere])
  })

  it('leaves out a campaign the reader has seen as often as its frequency cap allows', async () => {
    const capped = await shibuyaCampaign({ frequency_cap: 3 })
    const anywhere = await shibuyaCampaign({ fence: null })
    await start()
    const at = (fc: string) =>
      app!.inject(`/v1/ads?slot=top&lat=${shibuya.lat}&lng=${shibuya.lng}&fc=${fc}`)
    const first = (await at(`${anywhere}:9`)).json()
    expect(first).toMatchObject({ campaignId: capped, frequencyCap: 3 })
    expect((await at(`${capped}:2`)).json().campaignId).toBe(capped)
    expect((await at(`${capped}:3,${anywhere}:1`)).json().campaignId).toBe(anywhere)
    expect((await at('7:x')).statusCode).toBe(400)
  })

  it("resets a reader's frequency count at midnight in the advertiser's time zone", async () => {
    const tokyo = await insertAdvertiser(testDb.db, { time_zone: 'Asia/Tokyo' })
    await insertCampaign(testDb.db, {
      now,
      advertiser_id: tokyo,
      fence: null,
      start_date: '2026-11-01',
      end_date: '2026-12-31',
      frequency_cap: 3,
    })
    // 23:59:59 JST on 12-01: the count lasts one more second, until 00:00 JST on 12-02.
    clock = testClock('2026-12-01T14:59:59Z')
    await start()
    const ad = (await app!.inject('/v1/ads?slot=top')).json()
    expect(ad).toMatchObject({ frequencyCap: 3 })
    expect(new Date(ad.frequencyResetsAt).toISOString()).toBe('2026-12-01T15:00:00.000Z')
    clock.advance(1_000)
    const next = (await app!.inject('/v1/ads?slot=top')).json()
    expect(new Date(next.frequencyResetsAt).toISOString()).toBe('2026-12-02T15:00:00.000Z')
  })

  it('chooses a creative of the size the slot asks for', async () => {
    const id = await shibuyaCampaign({
      creatives: [
        { width: 300, height: 250 },
        { width: 728, height: 90, image_url: 'https://cdn.example.com/a.png', cta: 'Order' },
      ],
    })
    await start()
    const res = await app!.inject(
      `/v1/ads?slot=top&size=728x90&lat=${shibuya.lat}&lng=${shibuya.lng}`,
    )
    expect(res.json()).toMatchObject({
      campaignId: id,
      creative: { width: 728, height: 90, imageUrl: 'https://cdn.example.com/a.png', cta: 'Order' },
    })
    expect((await app!.inject('/v1/ads?slot=top&size=320x50')).statusCode).toBe(204)
    expect((await app!.inject('/v1/ads?slot=top&size=0x0')).statusCode).toBe(400)
  })

  it('serves bots and prefetches no ad and writes no record for them, counting them', async () => {
    await shibuyaCampaign({ fence: null })
    await start()
    const googlebot = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
    const asked = [
      { 'user-agent': googlebot },
      { 'sec-purpose': 'prefetch' },
      { 'sec-purpose': 'prefetch;prerender' },
      { purpose: 'prefetch' },
    ]
    for (const headers of asked) {
      expect((await app!.inject({ url: '/v1/ads?slot=top', headers })).statusCode).toBe(204)
    }
    const served = await app!.inject('/v1/ads?slot=top')
    expect(served.statusCode).toBe(200)
    const imp = new URL(served.json().impUrl).pathname
    // The bot follows the impression URL too: the same answer, no record, nothing counted.
    expect((await app!.inject({ url: imp, headers: { 'user-agent': googlebot } })).statusCode).toBe(
      204,
    )
    const metrics = (await app!.operations.inject('/metrics')).body
    expect(metrics).toContain('ad_invalid_traffic_total{reason="bot",route="ads"} 1')
    expect(metrics).toContain('ad_invalid_traffic_total{reason="prefetch",route="ads"} 3')
    expect(metrics).toContain('ad_invalid_traffic_total{reason="bot",route="imp"} 1')
    expect(metrics).toContain('ad_impressions_total 0')
    expect(metrics).toContain('ad_requests_total{outcome="filled"} 1')
    expect((await analyticsRecords(app!, 'ad_request')).length).toBe(1)
    expect(await analyticsRecords(app!, 'impression')).toEqual([])
    // The reader's own impression of that ad still counts.
    expect((await app!.inject(imp)).statusCode).toBe(204)
    expect((await analyticsRecords(app!, 'impression')).length).toBe(1)
  })

  it('leaves out paused, not started, ended and creative-less campaigns', async () => {
    const ok = await shibuyaCampaign()
    const today = toSqlDate(new Date(now))
    await shibuyaCampaign({ status: 'paused' })
    const startsTomorrow = await shibuyaCampaign({ start_date: toSqlDate(new Date(now + DAY_MS)) })
    await shibuyaCampaign({ end_date: toSqlDate(new Date(now - DAY_MS)) })
    await shibuyaCampaign({ creatives: 0 })
    const lastDay = await shibuyaCampaign({ start_date: today, end_date: today })
    await start()
    expect(await servedAt(shibuya)).toEqual([ok, lastDay])
    // The next day, from the same index (no refresh): one campaign is over, another has begun.
    clock.advance(DAY_MS)
    expect(await servedAt(shibuya)).toEqual([ok, startsTomorrow])
  })

  it("starts and ends a campaign at midnight in its advertiser's time zone, not UTC's", async () => {
    const tokyo = await insertAdvertiser(testDb.db, { time_zone: 'Asia/Tokyo' })
    const december = await insertCampaign(testDb.db, {
      now,
      advertiser_id: tokyo,
      fence: shibuyaFence,
      start_date: '2026-12-01',
      end_date: '2026-12-01',
    })
    // 23:59:59 JST on 11-30, a second before the campaign's first day.
    clock = testClock('2026-11-30T14:59:59Z')
    await start()
    expect(await servedAt(shibuya)).toEqual([])
    // 00:00 JST on 12-01 (15:00 UTC the day before), from the same index: it serves. With UTC
    // days it would wait until 09:00 JST.
    clock.advance(1_000)
    expect(await servedAt(shibuya)).toEqual([december])
    // 23:59:59 JST, its last second; at 00:00 JST on 12-02 it is over.
    clock.advance(DAY_MS - 1_000)
    expect(await servedAt(shibuya)).toEqual([december])
    clock.advance(1_000)
    expect(await servedAt(shibuya)).toEqual([])
  })

  it('stops a campaign at its daily cap: daily_stats plus what this process served', async () => {
    // asap: the whole cap may go now (even pacing would hold most of it back for later today).
    const capped = await shibuyaCampaign({ daily_impression_cap: 3, pacing: 'asap' })
    await testDb.db
      .insertInto('daily_stats')
      .values({ date: toSqlDate(new Date(now)), campaign_id: capped, impressions: 1, clicks: 0 })
      .execute()
    await start()
    const url = `/v1/ads?slot=top&lat=${shibuya.lat}&lng=${shibuya.lng}`
    const first = (await app!.inject(url)).json()
    // Two impressions take it from 1 to the cap of 3.
    expect((await app!.inject(new URL(first.impUrl).pathname)).statusCode).toBe(204)
    const second = await app!.inject(url)
    expect(second.statusCode).toBe(200)
    expect((await app!.inject(new URL(second.json().impUrl).pathname)).statusCode).toBe(204)
    expect((await app!.inject(url)).statusCode).toBe(204)
    // A refresh with the same daily_stats figure keeps counting what this process served.
    expect(await app!.adIndex.refresh()).toBe(true)
    expect((await app!.inject(url)).statusCode).toBe(204)
  })

  it('holds an evenly paced campaign back while it is ahead of its line through the day', async () => {
    // 240 a day: 90 by 09:00 UTC, the test clock's time, and 2.5 more of lead.
    const paced = await shibuyaCampaign({ daily_impression_cap: 240 })
    const stats = { date: toSqlDate(new Date(now)), campaign_id: paced, clicks: 0 }
    await testDb.db
      .insertInto('daily_stats')
      .values({ ...stats, impressions: 93 })
      .execute()
    await start()
    const url = `/v1/ads?slot=top&lat=${shibuya.lat}&lng=${shibuya.lng}`
    expect((await app!.inject(url)).statusCode).toBe(204)
    // An hour later the line is at 100 + 2.5: it serves again.
    clock.advance(3_600_000)
    expect((await app!.inject(url)).statusCode).toBe(200)
  })

  it('counts requests by outcome and the fill rate', async () => {
    await shibuyaCampaign()
    await start()
    await app!.inject(`/v1/ads?slot=top&lat=${shibuya.lat}&lng=${shibuya.lng}`)
    await app!.inject(`/v1/ads?slot=top&lat=${yoyogiPark.lat}&lng=${yoyogiPark.lng}`)
    await app!.inject('/v1/ads?slot=top')
    await app!.inject('/v1/ads?slot=top&lat=100&lng=0')
    const metrics = (await app!.operations.inject('/metrics')).body
    expect(metrics).toContain('ad_requests_total{outcome="filled"} 1')
    expect(metrics).toContain('ad_requests_total{outcome="unfilled"} 2')
    expect(metrics).toContain('ad_requests_total{outcome="invalid"} 1')
    expect(metrics).toMatch(/ad_fill_rate 0\.333/)
  })

  it('answers 204 when nothing matches', async () => {
    await start()
    const res = await app!.inject(`/v1/ads?slot=top&lat=${shibuya.lat}&lng=${shibuya.lng}`)
    expect(res.statusCode).toBe(204)
    expect(res.body).toBe('')
  })
})

describe('GET /v1/ads input', () => {
  let app: ServiceInstance
  let testDb: TestDb
  beforeEach(async () => {
    testDb = await createTestDb('sqlite')
    app = await buildTestApp({ db: testDb.db })
  })
  afterEach(async () => {
    await app.close()
    await testDb.destroy()
  })

  it.each([
    ['', 'slot'],
    ['?slot=', 'slot'],
    ['?slot=has%20space', 'slot'],
    ['?slot=a|b', 'slot'],
    [`?slot=${'x'.repeat(65)}`, 'slot'],
    ['?slot=top&lat=91&lng=0', 'lat'],
    ['?slot=top&lat=-90.5&lng=0', 'lat'],
    ['?slot=top&lat=0&lng=180.01', 'lng'],
    ['?slot=top&lat=north&lng=0', 'lat'],
    ['?slot=top&lat=35.6', 'lng'],
    ['?slot=top&lng=139.7', 'lat'],
  ])('rejects %s with a 400 naming %s', async (query, field) => {
    const res = await app.inject(`/v1/ads${query}`)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      error: 'Bad Request',
      details: [expect.objectContaining({ in: 'querystring', field })],
    })
  })

  it('sends the fixed security headers on every response', async () => {
    for (const url of [
      '/v1/ads?slot=top',
      '/v1/ads?slot=',
      '/v1/imp/bad',
      '/nowhere',
      '/healthz',
    ]) {
      const res = await app.inject(url)
      for (const [name, value] of Object.entries(securityHeaders)) {
        expect(res.headers[name], `${url} ${name}`).toBe(value)
      }
    }
  })

  it('is open to any origin, without credentials', async () => {
    const res = await app.inject({
      url: '/v1/ads?slot=top',
      headers: { origin: 'https://news.example.org' },
    })
    expect(res.headers['access-control-allow-origin']).toBe('*')
    expect(res.headers['access-control-allow-credentials']).toBeUndefined()
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/v1/ads?slot=top',
      headers: { origin: 'https://news.example.org', 'access-control-request-method': 'GET' },
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
  })
})
