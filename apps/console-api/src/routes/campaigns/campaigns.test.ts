import { testEngines } from '@hexad/db/testing'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { badFields, build, login, type Session, type TestContext } from '../../../test/build.ts'

const validCampaign = {
  name: 'Akihabara launch',
  startDate: '2026-12-01',
  endDate: '2026-12-31',
  geofence: { lat: 35.6984, lng: 139.7731, radiusM: 700 },
  landingUrl: 'https://coffee.example.com/akiba',
  dailyImpressionCap: 10_000,
}

describe.each(testEngines)('campaigns on %s', (engine) => {
  let t: TestContext
  let session: Session
  afterEach(() => t?.close())

  async function setup() {
    t = await build(engine)
    session = await login(t.app)
  }
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: session.headers })
  const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) })

  it('creates a campaign and reads it back', async () => {
    await setup()
    const created = await send('POST', '/api/campaigns', validCampaign)
    expect(created.statusCode).toBe(201)
    const campaign = created.json()
    expect(campaign).toMatchObject({ ...validCampaign, status: 'active' })
    expect(campaign.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/)
    expect((await get(`/api/campaigns/${campaign.id}`)).json()).toEqual(campaign)
  })

  it('creates a campaign without geofence or cap', async () => {
    await setup()
    const { geofence: _g, dailyImpressionCap: _c, ...rest } = validCampaign
    const created = await send('POST', '/api/campaigns', rest)
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject({ geofence: null, dailyImpressionCap: null })
  })

  it('keeps weight, pacing and the cap per reader, with defaults that serve as before', async () => {
    await setup()
    const plain = (await send('POST', '/api/campaigns', validCampaign)).json()
    expect(plain).toMatchObject({ weight: 1, pacing: 'even', frequencyCap: null })
    const tuned = { ...validCampaign, weight: 5, pacing: 'asap', frequencyCap: 3 }
    const created = (await send('POST', '/api/campaigns', tuned)).json()
    expect(created).toMatchObject({ weight: 5, pacing: 'asap', frequencyCap: 3 })
    const edited = await send('PATCH', `/api/campaigns/${created.id}`, {
      weight: 2,
      pacing: 'even',
      frequencyCap: null,
    })
    expect(edited.json()).toMatchObject({ weight: 2, pacing: 'even', frequencyCap: null })
    const bad = await send('POST', '/api/campaigns', {
      ...validCampaign,
      weight: 0,
      pacing: 'fast',
      frequencyCap: 0,
    })
    expect(badFields(bad.json())).toEqual(['frequencyCap', 'pacing', 'weight'])
  })

  it('names each bad field', async () => {
    await setup()
    const res = await send('POST', '/api/campaigns', {
      name: '',
      status: 'running',
      startDate: '2026-02-30',
      endDate: 'tomorrow',
      geofence: { lat: 91, lng: -181, radiusM: 10 },
      landingUrl: 'http://insecure.example.com',
      dailyImpressionCap: 0,
    })
    expect(res.statusCode).toBe(400)
    expect(badFields(res.json())).toEqual([
      'dailyImpressionCap',
      'endDate',
      'geofence.lat',
      'geofence.lng',
      'geofence.radiusM',
      'landingUrl',
      'name',
      'startDate',
      'status',
    ])
  })

  it('names missing required fields', async () => {
    await setup()
    const res = await send('POST', '/api/campaigns', { name: 'x' })
    expect(badFields(res.json())).toEqual(['endDate', 'landingUrl', 'startDate'])
  })

  it('refuses an end date before the start date', async () => {
    await setup()
    const res = await send('POST', '/api/campaigns', { ...validCampaign, endDate: '2026-11-30' })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toEqual([
      {
        in: 'body',
        field: 'endDate',
        rule: 'endBeforeStart',
        message: 'must be on or after the start date',
      },
    ])
  })

  it('names the rule and its values for each field the schema refuses', async () => {
    await setup()
    const res = await send('POST', '/api/campaigns', {
      ...validCampaign,
      name: 'x'.repeat(201),
      startDate: '1969-12-31',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toEqual([
      {
        in: 'body',
        field: 'name',
        rule: 'maxLength',
        params: { limit: 200 },
        message: 'must have at most 200 characters',
      },
      {
        in: 'body',
        field: 'startDate',
        rule: 'formatMinimum',
        params: { comparison: '>=', limit: '1970-01-01' },
        message: 'must be on or after 1970-01-01',
      },
    ])
  })

  it('pauses and resumes, and checks dates against the stored ones on a partial update', async () => {
    await setup()
    const { id } = (await send('POST', '/api/campaigns', validCampaign)).json()
    expect((await send('PATCH', `/api/campaigns/${id}`, { status: 'paused' })).json().status).toBe(
      'paused',
    )
    expect((await send('PATCH', `/api/campaigns/${id}`, { status: 'active' })).json().status).toBe(
      'active',
    )
    const bad = await send('PATCH', `/api/campaigns/${id}`, { endDate: '2026-11-01' })
    expect(bad.statusCode).toBe(400)
    const cleared = await send('PATCH', `/api/campaigns/${id}`, {
      geofence: null,
      dailyImpressionCap: null,
    })
    expect(cleared.json()).toMatchObject({
      geofence: null,
      dailyImpressionCap: null,
      name: validCampaign.name,
    })
    expect((await send('PATCH', `/api/campaigns/${id}`, {})).statusCode).toBe(400)
  })

  it('paginates and filters by status', async () => {
    await setup()
    const first = (await get('/api/campaigns?limit=2&offset=0')).json()
    const second = (await get('/api/campaigns?limit=2&offset=2')).json()
    const third = (await get('/api/campaigns?limit=2&offset=4')).json()
    expect(first).toMatchObject({ total: 5, limit: 2, offset: 0 })
    expect([first, second, third].map((p) => p.items.length)).toEqual([2, 2, 1])
    const ids = [...first.items, ...second.items, ...third.items].map((c: { id: number }) => c.id)
    expect(new Set(ids).size).toBe(5)
    const paused = (await get('/api/campaigns?status=paused')).json()
    expect(paused.total).toBe(1)
    expect(paused.items[0].status).toBe('paused')
    const bad = await get('/api/campaigns?limit=1000&status=done&offset=-1')
    expect(bad.statusCode).toBe(400)
    expect(badFields(bad.json())).toEqual(['limit', 'offset', 'status'])
  })

  it("lists each campaign's counts of the advertiser's today, zeros when none yet", async () => {
    await setup()
    // 16:00 UTC on 11-30 is already 12-01 in Tokyo, the demo advertiser's zone.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-11-30T16:00:00Z') })
    try {
      const [counted, other] = (await get('/api/campaigns')).json().items
      await t.testDb.db
        .insertInto('daily_stats')
        .values([
          { date: '2026-12-01', campaign_id: counted.id, impressions: 400, clicks: 9 },
          { date: '2026-11-30', campaign_id: other.id, impressions: 999, clicks: 9 },
        ])
        .execute()
      const { today, items } = (await get('/api/campaigns')).json()
      expect(today.date).toBe('2026-12-01')
      expect(today.asOf).toBeNull()
      expect(today.counts).toHaveLength(items.length)
      expect(today.counts[0]).toEqual({
        campaignId: counted.id,
        impressions: 400,
        clicks: 9,
        ctr: 9 / 400,
      })
      expect(today.counts[1]).toEqual({ campaignId: other.id, impressions: 0, clicks: 0, ctr: 0 })
    } finally {
      vi.useRealTimers()
    }
  })

  it('deletes a campaign without deliveries, but keeps one that has them', async () => {
    await setup()
    const { id } = (await send('POST', '/api/campaigns', validCampaign)).json()
    expect((await send('DELETE', `/api/campaigns/${id}`)).statusCode).toBe(204)
    expect((await get(`/api/campaigns/${id}`)).statusCode).toBe(404)
    const seeded = (await get('/api/campaigns?limit=1')).json().items[0]
    const refused = await send('DELETE', `/api/campaigns/${seeded.id}`)
    expect(refused.statusCode).toBe(409)
    expect((await get(`/api/campaigns/${seeded.id}`)).statusCode).toBe(200)
  })

  it("treats another tenant's campaign as missing", async () => {
    await setup()
    const other = t.otherCampaignId
    expect((await get(`/api/campaigns/${other}`)).statusCode).toBe(404)
    expect((await send('PATCH', `/api/campaigns/${other}`, { status: 'paused' })).statusCode).toBe(
      404,
    )
    expect((await send('DELETE', `/api/campaigns/${other}`)).statusCode).toBe(404)
    const listed = (await get('/api/campaigns?limit=100'))
      .json()
      .items.map((c: { id: number }) => c.id)
    expect(listed).not.toContain(other)
    const untouched = await t.testDb.db
      .selectFrom('campaigns')
      .select('status')
      .where('id', '=', other)
      .executeTakeFirst()
    expect(untouched?.status).toBe('active')
  })

  it('rejects writes without a valid CSRF token', async () => {
    await setup()
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: session.cookie },
      payload: validCampaign,
    })
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged' },
      payload: validCampaign,
    })
    expect([none.statusCode, wrong.statusCode]).toEqual([403, 403])
    expect(none.json().message).toBe('Missing or invalid CSRF token')
    expect((await get('/api/campaigns?limit=100')).json().total).toBe(5)
  })

  it('requires a session', async () => {
    await setup()
    expect((await t.app.inject({ method: 'GET', url: '/api/campaigns' })).statusCode).toBe(401)
  })
})
