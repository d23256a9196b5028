import { insertCreative, testEngines } from '@hexad/db/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { badFields, build, login, type Session, type TestContext } from '../../../test/build.ts'

const validCreative = {
  title: 'Hot coffee',
  body: 'Two minutes away.',
  imageUrl: 'https://cdn.example.com/a.png',
  width: 300,
  height: 250,
  cta: 'Order now',
}

describe.each(testEngines)('creatives on %s', (engine) => {
  let t: TestContext
  let session: Session
  let campaignId: number
  afterEach(() => t?.close())

  async function setup() {
    t = await build(engine)
    session = await login(t.app)
    campaignId = (
      await t.app.inject({ method: 'GET', url: '/api/campaigns?limit=1', headers: session.headers })
    ).json().items[0].id
  }
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) })

  it('creates, lists, edits and deletes a creative', async () => {
    await setup()
    const base = `/api/campaigns/${campaignId}/creatives`
    const created = await call('POST', base, validCreative)
    expect(created.statusCode).toBe(201)
    const creative = created.json()
    expect(creative).toMatchObject({ ...validCreative, campaignId })

    const listed = (await call('GET', base)).json().items
    expect(listed.map((c: { id: number }) => c.id)).toContain(creative.id)

    const edited = await call('PATCH', `${base}/${creative.id}`, {
      title: 'Iced coffee',
      imageUrl: null,
      cta: null,
    })
    expect(edited.json()).toMatchObject({
      title: 'Iced coffee',
      imageUrl: null,
      cta: null,
      body: validCreative.body,
    })
    const { cta: _cta, ...withoutCta } = validCreative
    expect((await call('POST', base, withoutCta)).json()).toMatchObject({ cta: null })

    expect((await call('DELETE', `${base}/${creative.id}`)).statusCode).toBe(204)
    expect((await call('GET', `${base}/${creative.id}`)).statusCode).toBe(404)
    expect((await call('DELETE', `${base}/${creative.id}`)).statusCode).toBe(404)
  })

  it('names each bad field', async () => {
    await setup()
    const res = await call('POST', `/api/campaigns/${campaignId}/creatives`, {
      title: '',
      body: 'x'.repeat(501),
      imageUrl: 'http://cdn.example.com/a.png',
      width: 0,
      height: 99_999,
    })
    expect(res.statusCode).toBe(400)
    expect(badFields(res.json())).toEqual(['body', 'height', 'imageUrl', 'title', 'width'])
  })

  it("hides another tenant's campaign and its creatives", async () => {
    await setup()
    const base = `/api/campaigns/${t.otherCampaignId}/creatives`
    expect((await call('GET', base)).statusCode).toBe(404)
    expect((await call('POST', base, validCreative)).statusCode).toBe(404)
    // A creative id of ours under another tenant's campaign, and theirs under ours, are both 404.
    const mine = (
      await call('POST', `/api/campaigns/${campaignId}/creatives`, validCreative)
    ).json()
    expect((await call('GET', `${base}/${mine.id}`)).statusCode).toBe(404)
    const theirId = await insertCreative(t.testDb.db, { campaign_id: t.otherCampaignId })
    expect(
      (await call('GET', `/api/campaigns/${campaignId}/creatives/${theirId}`)).statusCode,
    ).toBe(404)
    expect(
      (await call('PATCH', `/api/campaigns/${campaignId}/creatives/${theirId}`, { title: 'x' }))
        .statusCode,
    ).toBe(404)
    expect(
      (await call('DELETE', `/api/campaigns/${campaignId}/creatives/${theirId}`)).statusCode,
    ).toBe(404)
  })
})
