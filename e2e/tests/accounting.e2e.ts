import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startS3, type TestS3 } from '@hexad/test-support/s3'
import type { Browser, Response } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { readAnalytics } from '../src/analytics.ts'
import { launchChromium, pageProblems } from '../src/browser.ts'
import { consoleApiSession } from '../src/console-api.ts'
import type { Ad } from '@hexad/contracts/ads'
import { DAY_MS } from '@hexad/contracts/time'
import { zonedDayString, zonedHourStart, zonedMinuteString } from '@hexad/contracts/zoned-days'
import { adState, DEMO_LOGIN, DEMO_TIME_ZONE, LANDING_ORIGIN, screenshot } from '../src/demo.ts'
import { copyAsOrphans, runJob, shipLikeFluentd } from '../src/report-pipeline.ts'

// The money path, from the page to the advertiser's report: every impression and click the page
// was told was recorded (204 / 302) is in the report once, however often it reached S3.
const env = inject('e2e')
const CAMPAIGN = 'Kamakura station soba (e2e accounting)'
const CREATIVE = 'Kamakura e2e soba'
const LANDING_URL = `${LANDING_ORIGIN}/kamakura`
// Inside no other fence: only this campaign and an unfenced one (if still active) can answer.
const KAMAKURA = { latitude: 35.3192, longitude: 139.5467 }
const IMPRESSIONS = 6
const CLICKS = 2

let browser: Browser
let s3: TestS3
beforeAll(async () => {
  browser = await launchChromium()
  s3 = await startS3('hexad-e2e-analytics')
})
afterAll(async () => {
  await browser?.close()
  await s3?.close()
})

it('counts exactly the impressions and clicks the page got answers for, in the console', async () => {
  // The demo advertiser's days are Tokyo days: its campaign dates and its report's rows.
  const day = (offset: number) => zonedDayString(Date.now() + offset * DAY_MS, DEMO_TIME_ZONE)
  const today = day(0)
  const api = await consoleApiSession(env.consoleApiUrl, DEMO_LOGIN.email, DEMO_LOGIN.password)
  const campaign = await api.call<{ id: number }>('POST', '/api/campaigns', {
    name: CAMPAIGN,
    status: 'active',
    startDate: day(-1),
    endDate: day(30),
    geofence: { lat: KAMAKURA.latitude, lng: KAMAKURA.longitude, radiusM: 1000 },
    landingUrl: LANDING_URL,
    dailyImpressionCap: null,
  })
  const creative = await api.call<{ id: number }>(
    'POST',
    `/api/campaigns/${campaign.id}/creatives`,
    { title: CREATIVE, body: 'Hand-cut soba by the east exit.', width: 300, height: 250 },
  )

  // The reader: the publisher demo at Kamakura; nothing leaves 127.0.0.1.
  const reader = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    geolocation: KAMAKURA,
    permissions: ['geolocation'],
  })
  await reader.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  )
  await reader.route(`${LANDING_ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<h1>Kamakura station soba</h1>' }),
  )
  // What ad-api told the page, for this campaign's ads only: each ad's tracking URLs by request.
  const ourAds = new Map<string, string>() // impUrl or clickUrl → requestId
  const told = { impressions: [] as string[], clicks: [] as string[] }
  reader.on('response', (response: Response) => void noteAnswer(response))
  async function noteAnswer(response: Response) {
    const url = response.url()
    if (new URL(url).pathname === '/v1/ads' && response.status() === 200) {
      const ad = (await response.json()) as Ad
      if (ad.creative.id !== creative.id) return
      ourAds.set(ad.impUrl, ad.requestId)
      ourAds.set(ad.clickUrl, ad.requestId)
      return
    }
    const requestId = ourAds.get(url)
    if (requestId === undefined) return
    if (response.status() === 204) told.impressions.push(requestId)
    if (response.status() === 302) told.clicks.push(requestId)
  }

  const page = await reader.newPage()
  const problems = pageProblems(page)
  const top = page.locator('hexad-ad[slot=top]')
  let shown = 0
  let clicked = 0
  // The index reloads every 0.5 s, and an unfenced campaign may share the slot: load the page
  // until this campaign's ad has been seen IMPRESSIONS times.
  for (let load = 0; shown < IMPRESSIONS && load < 60; load++) {
    await page.goto(env.adTagUrl)
    if ((await adState(page, 'hexad-ad[slot=top]')) !== 'filled') continue
    if (Number(await top.locator('a').getAttribute('data-creative')) !== creative.id) continue
    // In view at the top of the page: the tag counts it after one viewable second.
    await page.locator('hexad-ad[slot=top][data-impression="sent"]').waitFor({ state: 'attached' })
    shown++
    await expect.poll(() => told.impressions.length, { timeout: 10_000 }).toBe(shown)
    if (clicked < CLICKS) {
      const [landing] = await Promise.all([reader.waitForEvent('page'), top.locator('a').click()])
      await landing.waitForURL(LANDING_URL)
      await landing.close()
      clicked++
      await expect.poll(() => told.clicks.length, { timeout: 10_000 }).toBe(clicked)
    }
  }
  expect(shown).toBe(IMPRESSIONS)
  await screenshot(page, env.artifacts, 'accounting-publisher')

  expect(problems).toEqual([])
  await reader.close()

  const distinct = (ids: string[]) => new Set(ids).size
  expect(distinct(told.impressions)).toBe(IMPRESSIONS)
  expect(distinct(told.clicks)).toBe(CLICKS)

  // ad-api wrote them (flushed within a second): every one told, by request.
  const written = async (tag: string) =>
    (await readAnalytics(env.analyticsDir, tag))
      .filter((record) => record.campaign === campaign.id)
      .map((record) => String(record.requestId))
  await expect.poll(async () => distinct(await written('impression'))).toBe(IMPRESSIONS)
  await expect.poll(async () => distinct(await written('click'))).toBe(CLICKS)
  expect(new Set(await written('impression'))).toEqual(new Set(told.impressions))

  // fluentd's part, as fluent.conf lays the objects out. Then the pod "dies" and ship-orphans
  // ships its folder again, what fluentd had shipped included: every record reaches S3 twice.
  const keys = await shipLikeFluentd(env.analyticsDir, s3)
  expect(keys.length).toBeGreaterThan(0)
  const orphans = await mkdtemp(join(tmpdir(), 'hexad-e2e-orphans-'))
  try {
    await copyAsOrphans(env.analyticsDir, orphans)
    const shipped = await runJob(env.repo, 'ship-orphans', {
      ANALYTICS_LOG_DIR: orphans,
      ...s3.env,
    })
    expect(shipped).toMatchObject({ podCheck: false, failed: 0, writerAlive: 0 })
  } finally {
    await rm(orphans, { recursive: true, force: true })
  }

  // The CronJob's command, against the services' database.
  const summary = await runJob(env.repo, 'aggregate-reports', {
    DATABASE_URL: env.databaseUrl,
    ...s3.env,
    AGGREGATE_SETTLE_MINUTES: '0',
  })
  expect(summary).toMatchObject({ job: 'aggregate-reports', unreadableFiles: [], malformed: 0 })
  // Each counted record came twice (fluentd's object and the orphan's) and counted once.
  expect(summary.duplicates).toBe(Number(summary.impressions) + Number(summary.clicks))
  // The figures, for whoever reads the artifacts: what the page was told, what the job counted.
  await writeFile(
    join(env.artifacts, 'accounting.json'),
    JSON.stringify(
      {
        campaign: campaign.id,
        told: { impressions: told.impressions.length, clicks: told.clicks.length },
        distinct: { impressions: IMPRESSIONS, clicks: CLICKS },
        objects: keys.length,
        job: summary,
      },
      null,
      2,
    ),
  )

  // The advertiser's report, in the console.
  const advertiser = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC', // the browser's zone does not matter: report days are the advertiser's
    viewport: { width: 1280, height: 900 },
  })
  const reportsPage = await advertiser.newPage()
  const consoleProblems = pageProblems(reportsPage)
  await reportsPage.goto(`${env.consoleUrl}/reports`)
  await reportsPage.waitForURL(/\/login\?redirect=/)
  await reportsPage.fill('input[type=email]', DEMO_LOGIN.email)
  await reportsPage.fill('input[type=password]', DEMO_LOGIN.password)
  await reportsPage.locator('form button[type=submit]').click()
  await reportsPage.waitForURL(`${env.consoleUrl}/reports`)
  await reportsPage.locator('select[name=campaignId] option', { hasText: CAMPAIGN }).waitFor({
    state: 'attached',
  })
  await reportsPage.selectOption('select[name=campaignId]', { label: CAMPAIGN })
  const row = reportsPage.locator('tbody tr', { hasText: today })
  await expect
    .poll(async () => (await row.locator('td').allTextContents()).slice(0, 3))
    .toEqual([today, String(IMPRESSIONS), String(CLICKS)])
  await expect
    .poll(async () => (await reportsPage.locator('tfoot td').allTextContents()).slice(0, 2))
    .toEqual([String(IMPRESSIONS), String(CLICKS)])
  await reportsPage.locator('.reports__as-of', { hasText: /^As of / }).waitFor()
  await screenshot(reportsPage, env.artifacts, 'accounting-report')

  // By creative: the campaign's one creative, with the same counts.
  await reportsPage.selectOption('select[name=by]', 'creative')
  await reportsPage.waitForURL(/[?&]by=creative/)
  await expect
    .poll(async () =>
      (
        await reportsPage.locator('tbody tr', { hasText: CREATIVE }).locator('td').allTextContents()
      ).slice(0, 3),
    )
    .toEqual([CREATIVE, String(IMPRESSIONS), String(CLICKS)])
  await reportsPage.locator('.chart canvas').waitFor()
  await screenshot(reportsPage, env.artifacts, 'accounting-report-by-creative')

  // By hour: each hour of the Tokyo day that ad-api wrote a record in, with that hour's records,
  // and the same totals.
  const perHour = new Map<string, { impressions: number; clicks: number }>()
  for (const tag of ['impression', 'click'] as const) {
    const firstTimes = new Map<string, number>()
    for (const record of await readAnalytics(env.analyticsDir, tag)) {
      if (record.campaign !== campaign.id) continue
      const time = Date.parse(String(record.time))
      const id = String(record.requestId)
      firstTimes.set(id, Math.min(time, firstTimes.get(id) ?? time))
    }
    for (const time of firstTimes.values()) {
      const hour = zonedMinuteString(zonedHourStart(time, DEMO_TIME_ZONE), DEMO_TIME_ZONE)
      const label = hour.slice(0, 16).replace('T', ' ')
      const counts = perHour.get(label) ?? { impressions: 0, clicks: 0 }
      counts[tag === 'impression' ? 'impressions' : 'clicks']++
      perHour.set(label, counts)
    }
  }
  await reportsPage.selectOption('select[name=by]', 'hour')
  await reportsPage.waitForURL(/[?&]by=hour/)
  for (const [label, counts] of perHour) {
    const hourRow = reportsPage.locator('tbody tr', { hasText: label })
    await expect
      .poll(async () => (await hourRow.locator('td').allTextContents()).slice(0, 3))
      .toEqual([label, String(counts.impressions), String(counts.clicks)])
  }
  await expect
    .poll(async () => (await reportsPage.locator('tfoot td').allTextContents()).slice(0, 2))
    .toEqual([String(IMPRESSIONS), String(CLICKS)])
  await reportsPage.locator('.chart canvas').waitFor()
  await screenshot(reportsPage, env.artifacts, 'accounting-report-by-hour')
  expect(consoleProblems).toEqual([])
  await advertiser.close()
})
