import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { fakeApi, json, type FakeRequest } from '../testing/fake-api.ts'
import { campaign, campaignPage, session } from '../testing/fixtures.ts'
import { mountApp, settle } from '../testing/mount-app.ts'

// happy-dom has no canvas: the chart is replaced by a stand-in that shows what it was given.
vi.mock('../components/ReportChart.vue', () => ({
  default: defineComponent({
    props: { days: { type: Array, required: true } },
    setup: (props) => () => h('figure', { class: 'chart-stub' }, `${props.days.length} days`),
  }),
}))

// "as of" is shown in the reader's zone: pin it, whatever the machine's.
vi.stubEnv('TZ', 'UTC')

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

const report = (request: FakeRequest) =>
  json(200, {
    from: request.query.get('from'),
    to: request.query.get('to'),
    campaignId: request.query.has('campaignId') ? Number(request.query.get('campaignId')) : null,
    days: [
      { date: '2026-11-24', impressions: 12000, clicks: 150, ctr: 0.0125 },
      { date: '2026-11-25', impressions: 8000, clicks: 50, ctr: 0.00625 },
    ],
    totals: { impressions: 20000, clicks: 200, ctr: 0.01 },
    asOf: '2026-11-25T09:50:00.000Z',
  })

describe('reports', () => {
  it('shows the chart and a table with totals, per campaign when one is picked', async () => {
    const api = fakeApi({
      'GET /api/me': json(200, session),
      'GET /api/campaigns': json(200, campaignPage([campaign()], { limit: 100 })),
      'GET /api/reports': report,
    })
    const { wrapper } = await mountApp('/reports')
    expect(wrapper.find('.chart-stub').text()).toBe('2 days')
    const rows = wrapper.findAll('tbody tr').map((row) => row.text())
    expect(rows[0]).toContain('12,000')
    expect(rows[0]).toContain('1.25%')
    expect(wrapper.find('tfoot').text()).toMatch(/Total\s*20,000\s*200\s*1%/)

    // How far the counts go, in the reader's zone and language.
    expect(wrapper.find('.reports__as-of').text()).toBe('As of Nov 25, 2026, 09:50 AM UTC')
    await wrapper.find('.locale-switch select').setValue('ja')
    expect(wrapper.find('.reports__as-of').text()).toBe('2026年11月25日 09:50 UTC 時点')
    await wrapper.find('.locale-switch select').setValue('en')

    await wrapper.find('select[name=campaignId]').setValue('7')
    await settle()
    expect(api.requests.at(-1)?.query.get('campaignId')).toBe('7')
  })

  it('says when a period has no impressions', async () => {
    fakeApi({
      'GET /api/me': json(200, session),
      'GET /api/campaigns': json(200, campaignPage([], { limit: 100 })),
      'GET /api/reports': json(200, {
        from: '2026-11-12',
        to: '2026-11-25',
        campaignId: null,
        days: [],
        totals: { impressions: 0, clicks: 0, ctr: 0 },
        asOf: null,
      }),
    })
    const { wrapper } = await mountApp('/reports')
    expect(wrapper.find('.state--empty').text()).toBe('No impressions in this period.')
    expect(wrapper.find('.chart-stub').exists()).toBe(false)
    expect(wrapper.find('.reports__as-of').text()).toBe('Not counted yet')
  })
})
