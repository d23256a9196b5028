import { launchChromium } from '@hexad/test-support'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

export { launchChromium }

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
