import { createTestDb, insertAdvertiser, insertCampaign, type TestDb } from '@hexad/db/testing'
import type { ServiceInstance } from '@hexad/service-kit'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { analyticsRecords, buildTestApp, testClock, testKeys } from '../../test/build-test-app.ts'
import { PENDING_MS } from '../index/pacing.ts'
import { shibuya } from '../../test/fixtures.ts'

describe('impression and click tracking', () => {
  let testDb: TestDb
  let app: ServiceInstance
  let clock: ReturnType<typeof testClock>
  let campaign: number

  beforeEach(async () => {
    clock = testClock()
    testDb = await createTestDb('sqlite')
    const advertiser = await insertAdvertiser(testDb.db)
    campaign = await insertCampaign(testDb.db, {
      now: clock.now(),
      advertiser_id: advertiser,
      landing_url: 'https://shop.example.com/landing?from=hexad&x=1',
      // A cap far away, so that pacing follows the campaign's impressions.
      daily_impression_cap: 1_000_000,
      pacing: 'asap',
    })
    app = await buildTestApp({ db: testDb.db, now: () => clock.now() })
  })
  afterEach(async () => {
    await app.close()
    await testDb.destroy()
  })

  async function serve() {
    const res = await app.inject(`/v1/ads?slot=side&lat=${shibuya.lat}&lng=${shibuya.lng}`)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    return {
      body,
      imp: new URL(body.impUrl).pathname,
      click: new URL(body.clickUrl).pathname,
      token: String(body.impUrl.split('/').at(-1)),
    }
  }

  /** The campaign's impressions today, as pacing counts them. */
  const delivered = () =>
    app.adIndex.delivery.delivered({ id: campaign, timeZone: 'UTC' }, clock.now())

  async function metric(name: string): Promise<string> {
    const text = (await app.operations.inject('/metrics')).body
    return text
      .split('\n')
      .filter((line) => line.startsWith(name))
      .join('\n')
  }

  it('records an impression with 204, or a 1×1 GIF that any page may load', async () => {
    const { imp } = await serve()
    const empty = await app.inject(imp)
    expect(empty.statusCode).toBe(204)
    expect(empty.headers['cache-control']).toBe('no-store')
    const gif = await app.inject({
      url: `${(await serve()).imp}?fmt=gif`,
      headers: { origin: 'https://news.example' },
    })
    expect(gif.statusCode).toBe(200)
    expect(gif.headers['content-type']).toBe('image/gif')
    expect(gif.rawPayload.subarray(0, 6).toString()).toBe('GIF89a')
    expect(gif.headers['cross-origin-resource-policy']).toBe('cross-origin')
    expect(await metric('ad_impressions_total')).toBe('ad_impressions_total 2')
    expect((await app.inject(`${imp}?fmt=png`)).statusCode).toBe(400)
  })

  it('records a token used 100 times once: one record, and the campaign cap moves by one', async () => {
    const before = delivered()
    const { imp, body } = await serve()
    // Pacing counts the ad as soon as it is served (on its way to the reader), then as its
    // impression: one, whatever the replays.
    expect(delivered()).toBe(before + 1)
    for (let i = 0; i < 100; i++) {
      const res = await app.inject(i % 2 ? `${imp}?fmt=gif` : imp)
      expect(res.statusCode).toBe(i % 2 ? 200 : 204) // a replay is answered as the first use
    }
    expect(delivered()).toBe(before + 1)
    const records = await analyticsRecords(app, 'impression')
    expect(records.map((r) => r.requestId)).toEqual([body.requestId])
    expect(await metric('ad_impressions_total')).toBe('ad_impressions_total 1')
    expect(await metric('ad_tracking_replays_total')).toContain(
      'ad_tracking_replays_total{tag="impression"} 99',
    )
  })

  it('answers 503 with Retry-After when the record is refused, and records the retry once', async () => {
    const before = delivered()
    const { imp, body } = await serve()
    // Long enough for the served ad to stop counting as on its way: only an impression counts now.
    clock.advance(PENDING_MS + 1_000)
    expect(delivered()).toBe(before)
    // analytics-log refuses (a full disk, a slow one, closing): two tries, the pixel and the 204.
    vi.spyOn(app.analytics, 'write').mockReturnValueOnce(false).mockReturnValueOnce(false)
    for (const url of [imp, `${imp}?fmt=gif`]) {
      const refused = await app.inject({ url, headers: { origin: 'https://news.example' } })
      expect(refused.statusCode).toBe(503)
      expect(refused.headers['retry-after']).toBe('1')
      expect(refused.headers['access-control-expose-headers']).toBe('retry-after')
      expect(refused.json()).toEqual({
        error: 'Service Unavailable',
        message: 'The impression could not be recorded now; send it again',
      })
    }
    expect(delivered()).toBe(before) // nothing counted
    vi.mocked(app.analytics.write).mockRestore()
    // Not remembered either: the tag's retry with the same token is the first use.
    expect((await app.inject(imp)).statusCode).toBe(204)
    expect((await app.inject(imp)).statusCode).toBe(204)
    expect(delivered()).toBe(before + 1)
    const records = await analyticsRecords(app, 'impression')
    expect(records.map((r) => r.requestId)).toEqual([body.requestId])
    expect(await metric('ad_impressions_refused_total')).toBe('ad_impressions_refused_total 2')
  })

  it('records a click once however often it is followed, and still redirects one it cannot record', async () => {
    const first = await serve()
    for (let i = 0; i < 3; i++) expect((await app.inject(first.click)).statusCode).toBe(302)
    const second = await serve()
    vi.spyOn(app.analytics, 'write').mockReturnValueOnce(false)
    const refused = await app.inject(second.click)
    expect(refused.statusCode).toBe(302)
    expect(refused.headers.location).toBe('https://shop.example.com/landing?from=hexad&x=1')
    vi.mocked(app.analytics.write).mockRestore()
    const records = await analyticsRecords(app, 'click')
    expect(records.map((r) => r.requestId)).toEqual([first.body.requestId])
    expect(await metric('ad_clicks_total')).toBe('ad_clicks_total 1')
    expect(await metric('ad_clicks_lost_total')).toBe('ad_clicks_lost_total 1')
  })

  it('does not count an impression twice because its click came first', async () => {
    const { imp, click } = await serve()
    expect((await app.inject(click)).statusCode).toBe(302)
    expect((await app.inject(imp)).statusCode).toBe(204)
    expect((await analyticsRecords(app, 'impression')).length).toBe(1)
    expect((await analyticsRecords(app, 'click')).length).toBe(1)
  })

  it('redirects a click to the landing URL as stored, whatever the request adds', async () => {
    const { click } = await serve()
    const res = await app.inject(
      `${click}?url=https://evil.example/&redirect=https://evil.example/`,
    )
    expect(res.statusCode).toBe(302)
    expect(res.headers.location).toBe('https://shop.example.com/landing?from=hexad&x=1')
    const withHost = await app.inject({ url: click, headers: { host: 'evil.example' } })
    expect(withHost.headers.location).toBe('https://shop.example.com/landing?from=hexad&x=1')
  })

  it('still redirects a click on a campaign paused after its ad was shown', async () => {
    const { click } = await serve()
    await testDb.db
      .updateTable('campaigns')
      .set({ status: 'paused' })
      .where('id', '=', campaign)
      .execute()
    await app.adIndex.refresh()
    expect((await app.inject('/v1/ads?slot=side')).statusCode).toBe(204)
    expect((await app.inject(click)).statusCode).toBe(302)
  })

  it('answers 404 for a click on a campaign that no longer exists', async () => {
    const { click } = await serve()
    await testDb.db.deleteFrom('campaigns').where('id', '=', campaign).execute()
    await app.adIndex.refresh()
    const res = await app.inject(click)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({
      error: 'Not Found',
      message: 'This campaign is no longer running',
    })
  })

  it('refuses tampered, malformed and unknown-key tokens with 400, expired ones with 410', async () => {
    const { token } = await serve()
    const [kid, payload, signature] = token.split('.') as [string, string, string]
    const flipped = (s: string) => (s[5] === 'A' ? 'B' : 'A')
    const bad = [
      `${kid}.${payload.slice(0, 5)}${flipped(payload)}${payload.slice(6)}.${signature}`,
      `${kid}.${payload}.${signature.slice(0, 5)}${flipped(signature)}${signature.slice(6)}`,
      `${kid}.${payload}.${signature}x`,
      `zz.${payload}.${signature}`,
      'not-a-token',
      '',
      'a/b/c',
      '%E0%A4%A',
      'x'.repeat(2_000),
    ]
    for (const route of ['imp', 'click']) {
      for (const t of bad) {
        const res = await app.inject(`/v1/${route}/${t}`)
        expect(res.statusCode, `${route} ${t}`).toBe(400)
        expect(res.json().error).toBe('Bad Request')
      }
    }
    clock.advance(3_601_000)
    for (const route of ['imp', 'click']) {
      const res = await app.inject(`/v1/${route}/${token}`)
      expect(res.statusCode).toBe(410)
      expect(res.json()).toEqual({ error: 'Gone', message: 'This ad token has expired' })
    }
    const rejections = await metric('ad_token_rejections_total')
    expect(rejections).toContain('ad_token_rejections_total{reason="bad_signature"} 6')
    expect(rejections).toContain('ad_token_rejections_total{reason="unknown_key"} 2')
    expect(rejections).toContain('ad_token_rejections_total{reason="expired"} 2')
  })

  it('accepts tokens signed with a key that is still listed after rotation', async () => {
    const { imp } = await serve()
    await app.close()
    // The next deploy: a new key signs, the old one (which signed `imp`) only verifies.
    const newKey = 'k3:' + Buffer.alloc(32, 3).toString('base64url')
    const rotated = `${newKey},${testKeys.current}`
    app = await buildTestApp({
      db: testDb.db,
      now: () => clock.now(),
      env: { AD_TOKEN_KEYS: rotated },
    })
    expect((await app.inject(imp)).statusCode).toBe(204)
    expect((await serve()).token.startsWith('k3.')).toBe(true)
    await app.close()
    app = await buildTestApp({
      db: testDb.db,
      now: () => clock.now(),
      env: { AD_TOKEN_KEYS: newKey },
    })
    expect((await app.inject(imp)).statusCode).toBe(400)
  })
})
