import { testEngines } from '@hexad/db/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { badFields, build, login, type Session, type TestContext } from '../test/build.ts'
import { requestInSmallHeap } from '../test/small-heap.ts'

describe('work sized by the input is refused before it is done', () => {
  // 48 MiB: a month's report fits many times over; a list of every day to 9999 does not.
  it('refuses a report range of 8,000 years without building its days', () => {
    const month = requestInSmallHeap('/api/reports?from=2026-01-01&to=2026-01-31', 48)
    expect(month.answer?.status).toBe(200)
    const huge = requestInSmallHeap('/api/reports?from=1970-01-01&to=9999-12-31', 48)
    expect(huge.signal, huge.stderr).toBeNull()
    expect(huge.answer).toMatchObject({
      status: 400,
      body: { details: [{ in: 'querystring', field: 'from' }] },
    })
  }, 60_000)
})

describe.each(testEngines)('bad input is a 400 naming the field, on %s', (engine) => {
  let t: TestContext
  let session: Session
  afterEach(() => t?.close())
  const get = (url: string) => t.app.inject({ url, headers: session.headers })

  it.each(['Infinity', '1e20', '18446744073709551615', '-1'])(
    'refuses offset=%s',
    async (offset) => {
      t = await build(engine)
      session = await login(t.app)
      const res = await get(`/api/campaigns?offset=${offset}`)
      expect(res.statusCode).toBe(400)
      expect(badFields(res.json())).toEqual(['offset'])
    },
  )

  it.each(['Infinity', '1e400', '2147483648', '99999999999999999999'])(
    'refuses the campaign id %s',
    async (id) => {
      t = await build(engine)
      session = await login(t.app)
      for (const url of [`/api/campaigns/${id}`, `/api/campaigns/${id}/creatives`]) {
        const res = await get(url)
        expect(res.statusCode).toBe(400)
        expect(badFields(res.json())).toEqual([url.endsWith('creatives') ? 'campaignId' : 'id'])
      }
    },
  )

  it('refuses a field the body does not have instead of answering 200 and changing nothing', async () => {
    t = await build(engine)
    session = await login(t.app)
    const id = (await get('/api/campaigns')).json().items[0].id
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/campaigns/${id}`,
      headers: session.headers,
      payload: { radius: 5 },
    })
    expect(res.statusCode).toBe(400)
    expect(badFields(res.json())).toEqual(['radius'])
  })

  it('refuses a report day before 1970 instead of answering a day like -000001-12', async () => {
    t = await build(engine)
    session = await login(t.app)
    const res = await get('/api/reports?to=0000-01-01')
    expect(res.statusCode).toBe(400)
    expect(badFields(res.json())).toEqual(['to'])
  })

  it('lets no browser or proxy keep an authenticated answer', async () => {
    t = await build(engine)
    session = await login(t.app)
    for (const url of ['/api/me', '/api/campaigns', '/api/reports']) {
      expect((await get(url)).headers['cache-control']).toBe('no-store')
    }
  })
})
