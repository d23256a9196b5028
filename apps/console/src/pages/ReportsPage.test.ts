import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { fakeApi, json, type FakeRequest } from '../testing/fake-api.ts'
import { campaign, campaignPage, session } from '../testing/fixtures.ts'
import { mountApp, settle } from '../testing/mount-app.ts'

// happy-dom has no canvas: the chart is replaced by a stand-in that shows what it was given.
vi.mock('../components/ReportChart.vue', () => ({
  default: defineComponent({
    props: {
      points: { type: Array, required: true },
      xTitle: { type: String, required: true },
      label: { type: String, required: true },
      bars: Boolean,
    },
    setup: (props) => () =>
      h(
        'figure',
        { class: 'chart-stub', 'aria-label': props.label },
        `${props.points.length} ${props.bars ? 'bars' : 'points'} along ${props.xTitle}`,
      ),
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
    expect(wrapper.find('.chart-stub').text()).toBe('2 points along Date')
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

const creativeReport = (request: FakeRequest) =>
  json(200, {
    from: request.query.get('from'),
    to: request.query.get('to'),
    campaignId: null,
    creatives: [
      {
        creativeId: 3,
        campaignId: 7,
        campaignName: 'Shibuya crossing lunch',
        title: 'Shibuya coffee break',
        impressions: 15000,
        clicks: 180,
        ctr: 0.012,
      },
      {
        creativeId: 9,
        campaignId: 7,
        campaignName: 'Shibuya crossing lunch',
        title: null,
        impressions: 5000,
        clicks: 20,
        ctr: 0.004,
      },
    ],
    totals: { impressions: 20000, clicks: 200, ctr: 0.01 },
    asOf: '2026-11-25T09:50:00.000Z',
  })

const hourlyReport = (request: FakeRequest) =>
  json(200, {
    from: request.query.get('from'),
    to: request.query.get('to'),
    campaignId: null,
    timeZone: 'America/New_York',
    hours: [
      { hour: '2026-11-01T00:00-04:00', impressions: 10, clicks: 1, ctr: 0.1 },
      { hour: '2026-11-01T01:00-04:00', impressions: 20, clicks: 0, ctr: 0 },
      { hour: '2026-11-01T01:00-05:00', impressions: 30, clicks: 3, ctr: 0.1 },
    ],
    totals: { impressions: 60, clicks: 4, ctr: 4 / 60 },
    asOf: '2026-11-25T09:50:00.000Z',
  })

/** What the page handed to the browser to save: its name and text (BOM dropped). */
function captureDownloads() {
  const saved: { name: string; text: Promise<string> }[] = []
  const spies = [
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      const text = (blob as Blob).text().then((t) => t.replace(/^\ufeff/, ''))
      saved.push({ name: '', text })
      return 'blob:report'
    }),
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {}),
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      const last = saved.at(-1)
      if (last) last.name = this.download
    }),
  ]
  return { saved, restore: () => spies.forEach((spy) => spy.mockRestore()) }
}

describe('reports by creative and by hour', () => {
  const routes = {
    'GET /api/me': json(200, session),
    'GET /api/campaigns': json(200, campaignPage([campaign()], { limit: 100 })),
    'GET /api/reports': report,
    'GET /api/reports/creatives': creativeReport,
    'GET /api/reports/hours': hourlyReport,
  }

  it('shows each creative with its campaign as bars, and downloads that view', async () => {
    const api = fakeApi(routes)
    const downloads = captureDownloads()
    const { wrapper, router } = await mountApp('/reports')
    await wrapper.find('select[name=by]').setValue('creative')
    await settle()
    expect(router.currentRoute.value.query.by).toBe('creative')
    expect(api.requests.at(-1)?.path).toBe('/api/reports/creatives')
    expect(wrapper.find('.chart-stub').text()).toBe('2 bars along Creative')
    expect(wrapper.find('.chart-stub').attributes('aria-label')).toBe(
      'Impressions and clicks per creative',
    )
    expect(wrapper.findAll('thead th').map((th) => th.text())).toEqual([
      'Creative',
      'Campaign',
      'Impressions',
      'Clicks',
      'CTR',
    ])
    const rows = wrapper.findAll('tbody tr').map((row) => row.findAll('td').map((td) => td.text()))
    expect(rows).toEqual([
      ['Shibuya coffee break', 'Shibuya crossing lunch', '15,000', '180', '1.2%'],
      ['Deleted creative #9', 'Shibuya crossing lunch', '5,000', '20', '0.4%'],
    ])
    expect(wrapper.find('.reports__as-of').text()).toBe('As of Nov 25, 2026, 09:50 AM UTC')

    await wrapper.find('.page__header button').trigger('click')
    const [file] = downloads.saved
    expect(file?.name).toMatch(
      /^hexad-report-by-creative-all-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv$/,
    )
    expect((await file?.text)?.split('\r\n')[1]).toBe(
      '3,Shibuya coffee break,7,Shibuya crossing lunch,15000,180,0.012',
    )
    downloads.restore()

    await wrapper.find('.locale-switch select').setValue('ja')
    expect(wrapper.findAll('tbody tr')[1]?.text()).toContain('削除済みのクリエイティブ #9')
    expect(wrapper.find('.chart-stub').text()).toBe('2 bars along クリエイティブ')
    await wrapper.find('.locale-switch select').setValue('en')
  })

  it("opens by hour from the address, in the advertiser's hours, the repeated one with its offset", async () => {
    const api = fakeApi(routes)
    const { wrapper } = await mountApp('/reports?by=hour')
    expect(api.requests.at(-1)?.path).toBe('/api/reports/hours')
    expect((wrapper.find('select[name=by]').element as HTMLSelectElement).value).toBe('hour')
    expect(wrapper.find('.chart-stub').text()).toBe('3 points along Hour (America/New_York)')
    expect(wrapper.findAll('tbody tr td:first-child').map((td) => td.text())).toEqual([
      '2026-11-01 00:00',
      '2026-11-01 01:00 (-04:00)',
      '2026-11-01 01:00 (-05:00)',
    ])
    expect(wrapper.find('tfoot').text()).toMatch(/Total\s*60\s*4\s*6.67%/)
  })

  it('says by hour takes at most 31 days instead of asking for more', async () => {
    const api = fakeApi(routes)
    const { wrapper } = await mountApp('/reports?by=hour')
    const asked = api.requests.length
    await wrapper.find('input[name=from]').setValue('2026-01-01')
    await settle()
    expect(api.requests.length).toBe(asked)
    expect(wrapper.find('.reports__limit').text()).toBe(
      'By hour shows up to 31 days: pick a shorter period.',
    )
    expect(wrapper.find('.page__header button').attributes('disabled')).toBeDefined()
    // By day, the same range is fine.
    await wrapper.find('select[name=by]').setValue('day')
    await settle()
    expect(api.requests.at(-1)?.path).toBe('/api/reports')
    expect(wrapper.find('.reports__limit').exists()).toBe(false)
  })
})
