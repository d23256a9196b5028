import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { readAnalytics } from '../src/analytics.ts'
import { launchChromium, pageProblems } from '../src/browser.ts'
import { adState, DEMO_LOGIN, LANDING_ORIGIN, screenshot, scrollToSlot, UENO } from '../src/demo.ts'

const env = inject('e2e')
const CAMPAIGN = 'Ueno park coffee (e2e)'
const CREATIVE = 'Ueno e2e latte'
const LANDING_URL = `${LANDING_ORIGIN}/ueno?from=hexad`

let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

// Filled in by the first test, read by the second: one story, told in two steps.
let campaignId = 0

async function submit(page: Page) {
  await page.locator('form button[type=submit]').click()
}

it('an advertiser logs in and creates a geofenced campaign with a creative', async () => {
  const context = await browser.newContext({
    locale: 'en-US',
    viewport: { width: 1280, height: 900 },
  })
  const page = await context.newPage()
  const problems = pageProblems(page)

  // A deep link without a session goes through login and comes back.
  await page.goto(`${env.consoleUrl}/campaigns`)
  await page.waitForURL(/\/login\?redirect=/)
  await screenshot(page, env.artifacts, 'console-login')
  await page.fill('input[type=email]', DEMO_LOGIN.email)
  await page.fill('input[type=password]', DEMO_LOGIN.password)
  await submit(page)
  await page.waitForURL(`${env.consoleUrl}/campaigns`)

  // The seeded campaign without a fence would fill every request: pause it from the list.
  const everywhere = page.locator('tbody tr', { hasText: 'Tokyo-wide brand awareness' })
  await everywhere.getByRole('button', { name: 'Pause' }).click()
  await everywhere.locator('.badge', { hasText: 'Paused' }).waitFor()
  await screenshot(page, env.artifacts, 'console-campaigns')

  await page.getByRole('link', { name: 'New campaign' }).click()
  await page.fill('input[name=name]', CAMPAIGN)
  await page.check('input[name=useGeofence]')
  await page.fill('input[name=lat]', String(UENO.latitude))
  await page.fill('input[name=lng]', String(UENO.longitude))
  await page.fill('input[name=radiusM]', '700')
  // console-api refuses plain http: its message appears beside the field.
  await page.fill('input[name=landingUrl]', 'http://landing.hexad-e2e.example/ueno')
  await submit(page)
  const landingField = page.locator('.field', { has: page.locator('input[name=landingUrl]') })
  await landingField.locator('.field__error').waitFor()
  await screenshot(page, env.artifacts, 'console-campaign-field-error')

  await page.fill('input[name=landingUrl]', LANDING_URL)
  await submit(page)
  await page.waitForURL(/\/campaigns\/\d+$/)
  campaignId = Number(new URL(page.url()).pathname.split('/').pop())
  await page.locator('h1', { hasText: CAMPAIGN }).waitFor()

  await page.getByRole('link', { name: 'New creative' }).click()
  await page.fill('input[name=title]', CREATIVE)
  await page.fill(
    'textarea[name=body]',
    'Two minutes from the park gate. Show this ad for ¥100 off.',
  )
  await page.locator('.ad-preview', { hasText: CREATIVE }).waitFor()
  await screenshot(page, env.artifacts, 'console-creative-preview')
  await submit(page)
  await page.waitForURL(`${env.consoleUrl}/campaigns/${campaignId}`)
  await page.locator('.creatives .ad-preview', { hasText: CREATIVE }).waitFor()
  await screenshot(page, env.artifacts, 'console-campaign')

  // Reports: the lazily loaded chart draws on its canvas.
  await page.getByRole('link', { name: 'Reports' }).click()
  // The campaign page (its map tiles and chart are canvases too) is gone once this heading is in.
  await page.getByRole('heading', { name: 'Reports' }).waitFor()
  await page.locator('.chart canvas').waitFor()
  await screenshot(page, env.artifacts, 'console-reports')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ])
  const csv = join(env.artifacts, 'report.csv')
  await download.saveAs(csv)
  expect((await readFile(csv, 'utf8')).split('\r\n')[0]).toBe('\ufeffdate,impressions,clicks,ctr')
  await page.selectOption('.locale-switch select', 'ja')
  await page.locator('h1', { hasText: 'レポート' }).waitFor()
  await screenshot(page, env.artifacts, 'console-reports-ja')

  expect(problems).toEqual([])
  await context.close()
})

it('a reader inside the fence sees the ad, counted once when viewable, and a click lands', async () => {
  expect(campaignId).toBeGreaterThan(0)
  const context = await browser.newContext({
    locale: 'ja-JP',
    viewport: { width: 1280, height: 720 },
    geolocation: UENO,
    permissions: ['geolocation'],
  })
  // Nothing leaves 127.0.0.1; the advertiser's site is played by the test.
  await context.route(
    (url) => url.hostname !== '127.0.0.1',
    (route) => route.abort(),
  )
  await context.route(`${LANDING_ORIGIN}/**`, (route) =>
    route.fulfill({ contentType: 'text/html', body: '<h1>Ueno park coffee</h1>' }),
  )
  const page = await context.newPage()
  const problems = pageProblems(page)
  const inArticle = page.locator('#in-article')
  const adTitle = (selector: string) => page.locator(`${selector} .ad__title`).textContent()

  // Below the fold the slot waits: lazy loading asks for its ad only when it comes near.
  await page.goto(env.adTagUrl)
  expect(await adState(page, 'hexad-ad[slot="top"]')).not.toBeNull()
  expect(await inArticle.getAttribute('data-state')).toBe('loading')

  // ad-api reloads its campaign index every 0.5 s here: reload until the new campaign serves.
  await expect
    .poll(
      async () => {
        await page.goto(env.adTagUrl)
        await scrollToSlot(page, '#in-article')
        return (await adState(page, '#in-article')) === 'filled' ? adTitle('#in-article') : null
      },
      { timeout: 20_000, interval: 500 },
    )
    .toBe(CREATIVE)
  const creativeId = Number(await inArticle.locator('a').getAttribute('data-creative'))

  // This campaign's only: before the index had it, another ad may have been seen in the slot.
  const impressions = async () =>
    (await readAnalytics(env.analyticsDir, 'impression')).filter(
      (record) => record.slot === 'in-article' && record.campaign === campaignId,
    )
  // Near the end of the page the ad may have grown past the fold: the reader scrolls on to it.
  await inArticle.scrollIntoViewIfNeeded()
  await page.locator('#in-article[data-impression="sent"]').waitFor({ state: 'attached' })
  await expect.poll(impressions, { timeout: 10_000 }).toHaveLength(1)
  await screenshot(page, env.artifacts, 'publisher-demo')

  // Seen again later: still one impression.
  await page.evaluate(() => window.scrollTo(0, 0))
  await inArticle.scrollIntoViewIfNeeded()
  // Long enough for a wrong second impression: one viewable second, then the 1 s log flush.
  await page.waitForTimeout(3_000)
  const [impression, ...more] = await impressions()
  expect(more).toEqual([])
  expect(impression).toMatchObject({
    tag: 'impression',
    campaign: campaignId,
    creative: creativeId,
  })

  // The ad opens the landing page in a new tab, through ad-api's click redirect.
  const [landing] = await Promise.all([
    context.waitForEvent('page'),
    inArticle.locator('a').click(),
  ])
  await landing.waitForURL(LANDING_URL)
  expect(await landing.locator('h1').textContent()).toBe('Ueno park coffee')

  expect(problems).toEqual([])
  await context.close()
})
