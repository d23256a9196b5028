import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeApi, json, type FakeRequest } from '../testing/fake-api.ts'
import { campaign, campaignPage, session } from '../testing/fixtures.ts'
import { mountApp, settle } from '../testing/mount-app.ts'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const page = (items: ReturnType<typeof campaign>[], total = items.length) =>
  json(200, campaignPage(items, { total }))

describe('campaign list', () => {
  it('lists campaigns with their targeting and filters by status through the URL', async () => {
    const api = fakeApi({
      'GET /api/me': json(200, session),
      'GET /api/campaigns': (request: FakeRequest) =>
        request.query.get('status') === 'paused'
          ? page([campaign({ id: 9, name: 'Roppongi nightlife', status: 'paused' })])
          : page([campaign(), campaign({ id: 8, name: 'Tokyo-wide', geofence: null })], 45),
    })
    const { wrapper, router } = await mountApp('/campaigns')
    const rows = wrapper.findAll('tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0]?.text()).toContain('800 m around 35.6595, 139.7005')
    expect(rows[1]?.text()).toContain('Everywhere')
    expect(wrapper.text()).toContain('1–20 of 45')

    await wrapper
      .findAll('.chip')
      .find((b) => b.text() === 'Paused')
      ?.trigger('click')
    await settle()
    expect(router.currentRoute.value.query.status).toBe('paused')
    expect(api.requests.at(-1)?.query.get('status')).toBe('paused')
    expect(wrapper.findAll('tbody tr')).toHaveLength(1)
  })

  it('pauses a campaign with a CSRF-protected PATCH and shows the new status', async () => {
    const api = fakeApi({
      'GET /api/me': json(200, session),
      'GET /api/campaigns': page([campaign()]),
      'PATCH /api/campaigns/7': json(200, campaign({ status: 'paused' })),
    })
    const { wrapper } = await mountApp('/campaigns')
    await wrapper.find('tbody button').trigger('click')
    await settle()
    const patch = api.requests.find((r) => r.method === 'PATCH')
    expect(patch?.body).toEqual({ status: 'paused' })
    expect(patch?.headers['x-csrf-token']).toBe('csrf-123')
    expect(wrapper.find('.badge').text()).toBe('Paused')
    expect(wrapper.find('tbody button').text()).toBe('Resume')
  })

  it("shows today's impressions, clicks, CTR and how much of the daily cap is used", async () => {
    fakeApi({
      'GET /api/me': json(200, session),
      'GET /api/campaigns': json(
        200,
        campaignPage(
          [campaign(), campaign({ id: 8, name: 'Tokyo-wide', dailyImpressionCap: null })],
          { counts: { 7: [12_500, 250] } },
        ),
      ),
    })
    const { wrapper } = await mountApp('/campaigns')
    const [capped, uncapped] = wrapper.findAll('tbody tr')
    expect(capped?.text()).toContain('12,500')
    expect(capped?.text()).toContain('250')
    expect(capped?.text()).toContain('2%')
    expect(capped?.find('progress').attributes('value')).toBe('0.25') // of 50,000
    expect(uncapped?.text()).toContain('No cap')
    expect(wrapper.text()).toContain('Today (2026-12-01)')
  })

  it('resumed under the Paused filter, a campaign leaves the list', async () => {
    let paused = true
    fakeApi({
      'GET /api/me': json(200, session),
      'GET /api/campaigns': (request: FakeRequest) =>
        page(
          request.query.get('status') === 'paused' && !paused
            ? []
            : [campaign({ status: 'paused' })],
        ),
      'PATCH /api/campaigns/7': () => {
        paused = false
        return json(200, campaign({ status: 'active' }))
      },
    })
    const { wrapper } = await mountApp('/campaigns?status=paused')
    expect(wrapper.findAll('tbody tr')).toHaveLength(1)
    await wrapper.find('tbody button').trigger('click')
    await settle()
    expect(wrapper.findAll('tbody tr')).toHaveLength(0)
    expect(wrapper.text()).toContain('No campaigns match this filter')
  })

  it('says so when there are no campaigns', async () => {
    fakeApi({ 'GET /api/me': json(200, session), 'GET /api/campaigns': page([]) })
    const { wrapper } = await mountApp('/campaigns')
    expect(wrapper.find('.state--empty').text()).toContain('No campaigns yet')
  })

  it('shows a banner and a retry button when the API is down, then recovers', async () => {
    let down = true
    fakeApi({
      'GET /api/me': json(200, session),
      'GET /api/campaigns': () => (down ? json(503) : page([campaign()])),
    })
    const { wrapper } = await mountApp('/campaigns')
    expect(wrapper.find('.banner').text()).toContain('cannot be reached')
    expect(wrapper.find('.state--error').exists()).toBe(true)

    down = false
    await wrapper.find('.state--error button').trigger('click')
    await settle()
    expect(wrapper.find('.banner').exists()).toBe(false)
    expect(wrapper.findAll('tbody tr')).toHaveLength(1)
  })

  it('switches to Japanese', async () => {
    fakeApi({ 'GET /api/me': json(200, session), 'GET /api/campaigns': page([campaign()]) })
    const { wrapper } = await mountApp('/campaigns')
    await wrapper.find('.locale-switch select').setValue('ja')
    expect(wrapper.find('h1').text()).toBe('キャンペーン')
    expect(wrapper.find('.badge').text()).toBe('配信中')
    expect(document.documentElement.lang).toBe('ja')
    await wrapper.find('.locale-switch select').setValue('en')
  })
})
