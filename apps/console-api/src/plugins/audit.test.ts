import { demoLogin } from '@hexad/db'
import { testEngines } from '@hexad/db/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { build, login, type TestContext } from '../../test/build.ts'

describe.each(testEngines)('audit records on %s', (engine) => {
  let t: TestContext
  afterEach(() => t?.close())

  it('writes one audit record per login, failed login, logout and write, to the analytics files', async () => {
    t = await build(engine)
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '203.0.113.9',
      payload: { email: demoLogin.email, password: 'wrong' },
    })
    const session = await login(t.app)
    const call = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) })
    const campaign = (
      await call('POST', '/api/campaigns', {
        name: 'Audited',
        startDate: '2026-12-01',
        endDate: '2026-12-02',
        landingUrl: 'https://example.com/',
      })
    ).json()
    await call('PATCH', `/api/campaigns/${campaign.id}`, { status: 'paused' })
    const creative = (
      await call('POST', `/api/campaigns/${campaign.id}/creatives`, {
        title: 't',
        body: 'b',
        width: 300,
        height: 250,
      })
    ).json()
    await call('DELETE', `/api/campaigns/${campaign.id}/creatives/${creative.id}`)
    await call('DELETE', `/api/campaigns/${campaign.id}`)
    // A refused write (bad input) is not an audited change.
    await call('POST', '/api/campaigns', { name: '' })
    await call('POST', '/api/auth/logout')

    const records = await t.closeAndReadAudit()
    expect(records.map((r) => [r.action, r.resource, r.resourceId])).toEqual([
      ['login_failed', 'session', undefined],
      ['login', 'session', undefined],
      ['create', 'campaign', String(campaign.id)],
      ['update', 'campaign', String(campaign.id)],
      ['create', 'creative', String(creative.id)],
      ['delete', 'creative', String(creative.id)],
      ['delete', 'campaign', String(campaign.id)],
      ['logout', 'session', undefined],
    ])
    expect(records[0]).toMatchObject({
      tag: 'audit',
      pod: 'console-api-test',
      outcome: 'failure',
      ip: '203.0.113.9',
      userId: '1',
    })
    expect(records[2]).toMatchObject({ outcome: 'success', userId: '1', tenantId: '1' })
    expect(
      records.every((r) => typeof r.requestId === 'string' && typeof r.time === 'string'),
    ).toBe(true)
  })

  it('keeps a record the writer refuses in the error log, and the change stands', async () => {
    const lines: Record<string, unknown>[] = []
    t = await build(
      engine,
      { LOG_LEVEL: 'error' },
      { write: (l) => void lines.push(JSON.parse(l)) },
    )
    await t.app.analytics.close() // from now on every record is refused
    const session = await login(t.app)
    const me = await t.app.inject({ url: '/api/me', headers: session.headers })
    expect(me.statusCode).toBe(200)
    expect(lines).toContainEqual(
      expect.objectContaining({
        analytics: 'closed',
        audit: expect.objectContaining({ action: 'login', outcome: 'success', userId: '1' }),
      }),
    )
    expect((await t.app.inject('/readyz')).statusCode).toBe(503)
  })
})
