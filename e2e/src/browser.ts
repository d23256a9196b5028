import { launchChromium as launchHeadless } from '@hexad/test-support'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

// Headless Chromium says "HeadlessChrome" in its user agent, which ad-api's bot list (isbot)
// rightly refuses an ad: the readers here are people, so the browser says what Chrome says.
const READER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

/** Chromium as a reader's browser: headless, with a desktop Chrome's user agent. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return launchHeadless([`--user-agent=${READER_USER_AGENT}`, ...extraArgs])
}

/** One Chromium for a test file: launched before its tests, closed after them. */
export function fileBrowser(): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => browser as Browser
}

// Chromium's own line for every request that failed or got a 4xx/5xx (ad-api down, a 401 from
// /api/me before login): the browser's network report, which no page script can prevent or
// causes. Script errors are what must never happen.
const NETWORK_REPORT = /^Failed to load resource: /

/** Collects what a publisher would see go wrong: uncaught errors and console errors. */
export function pageProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() === 'error' && !NETWORK_REPORT.test(message.text())) {
      problems.push(`console.error: ${message.text()}`)
    }
  })
  return problems
}
