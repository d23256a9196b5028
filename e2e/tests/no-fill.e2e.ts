import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launchChromium, pageProblems } from '../src/browser.ts'
import { pauseUnfencedCampaigns } from '../src/console-api.ts'
import { adState, DEMO_LOGIN, OSAKA, screenshot, scrollToSlot } from '../src/demo.ts'

const env = inject('e2e')
let browser: Browser

beforeAll(async () => {
  // Only fenced campaigns may answer, so a place far from every fence gets nothing.
  await pauseUnfencedCampaigns(env.consoleApiUrl, DEMO_LOGIN.email, DEMO_LOGIN.password)
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

it.each([
  ['a reader far from every fence', { geolocation: OSAKA, permissions: ['geolocation'] }],
  ['a reader who has not shared a position', {}],
])('collapses both slots for %s, and the page reads on', async (name, geo) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...geo })
  const page = await context.newPage()
  const problems = pageProblems(page)
  const adRequests: URL[] = []
  page.on('request', (request) => {
    if (request.url().includes('/v1/ads')) adRequests.push(new URL(request.url()))
  })

  // The index refreshes every 0.5 s: an ad from before the pause may still come once or twice.
  await expect
    .poll(
      async () => {
        await page.goto(env.adTagUrl)
        const top = await adState(page, 'hexad-ad[slot=top]')
        await scrollToSlot(page, '#in-article') // below the fold: asked for once near
        return [top, await adState(page, '#in-article')]
      },
      { timeout: 15_000, interval: 500 },
    )
    .toEqual(['empty', 'empty'])

  for (const slot of await page.locator('hexad-ad').all()) {
    expect(await slot.isVisible()).toBe(false) // collapsed despite the page's margin rule
  }
  expect(await page.locator('article h2').isVisible()).toBe(true)
  // The position is sent only when the page may know it.
  expect(adRequests.at(-1)?.searchParams.has('lat')).toBe('geolocation' in geo)
  await screenshot(
    page,
    env.artifacts,
    `publisher-no-fill-${'geolocation' in geo ? 'osaka' : 'no-position'}`,
  )
  expect(problems, name).toEqual([])
  await context.close()
})
