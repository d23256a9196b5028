import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { launchChromium, pageProblems } from '../src/browser.ts'
import { adState, screenshot, scrollToSlot, UENO } from '../src/demo.ts'

// These sites are configured with APIs on ports where nothing listens.
const env = inject('e2e')
let browser: Browser

beforeAll(async () => {
  browser = await launchChromium()
})
afterAll(async () => {
  await browser?.close()
})

it('the publisher page loses only its ads when ad-api is down', async () => {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 720 },
    geolocation: UENO,
    permissions: ['geolocation'],
  })
  const page = await context.newPage()
  const problems = pageProblems(page)
  await page.goto(env.adTagApiDownUrl)

  expect(await adState(page, 'hexad-ad[slot=top]')).toBe('empty')
  await scrollToSlot(page, '#in-article') // below the fold: asked for once near
  expect(await adState(page, '#in-article')).toBe('empty')
  expect(await page.locator('hexad-ad[slot=top]').isVisible()).toBe(false)
  expect(await page.locator('article h2').isVisible()).toBe(true)
  await screenshot(page, env.artifacts, 'publisher-api-down')
  expect(problems).toEqual([])
  await context.close()
})

it('the console says the server is unreachable instead of showing a blank page', async () => {
  const context = await browser.newContext({ locale: 'en-US' })
  const page = await context.newPage()
  await page.goto(`${env.consoleApiDownUrl}/campaigns`)
  await page.waitForURL(/\/login/)
  const banner = page.locator('.banner[role=alert]')
  await banner.waitFor()
  expect(await banner.textContent()).toContain('cannot be reached')

  // Trying to log in keeps the form and says why it failed.
  await page.fill('input[type=email]', 'demo@hexad.example')
  await page.fill('input[type=password]', 'whatever')
  await page.locator('form button[type=submit]').click()
  await page.locator('form .form-error').waitFor()
  await screenshot(page, env.artifacts, 'console-api-down')
  await context.close()
})
