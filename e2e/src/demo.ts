import { join } from 'node:path'
import type { Page } from 'playwright-core'

/** The login the development seed creates (packages/db seed.ts). */
export const DEMO_LOGIN = { email: 'demo@hexad.example', password: 'hexad-demo-password' }
/** The demo advertiser's time zone (@hexad/db's seed): its campaign and report days. */
export const DEMO_TIME_ZONE = 'Asia/Tokyo'

// Ueno park: inside no seeded fence (Shibuya, Shinjuku, Ginza are kilometres away).
export const UENO = { latitude: 35.7148, longitude: 139.7734 }
// Osaka: no campaign anywhere near.
export const OSAKA = { latitude: 34.6937, longitude: 135.5023 }

/** The advertiser's site: never reached, every request to it is answered by the test. */
export const LANDING_ORIGIN = 'https://landing.hexad-e2e.example'

export function screenshot(page: Page, artifacts: string, name: string) {
  return page.screenshot({ path: join(artifacts, 'screenshots', `${name}.png`), fullPage: true })
}

/** Waits until a <hexad-ad> has its answer (filled or empty) and returns that state. */
export async function adState(page: Page, selector: string): Promise<string | null> {
  const answered = page.locator(`${selector}[data-state]:not([data-state="loading"])`)
  await answered.waitFor({ state: 'attached' })
  return answered.getAttribute('data-state')
}

/**
 * Scrolls a <hexad-ad> into view, as a reader reading on would. A slot below the fold asks for
 * its ad only when it comes near the viewport (lazy loading), and while it waits it has no size
 * of its own, so this scrolls by the element rather than by Playwright's visibility rules.
 */
export async function scrollToSlot(page: Page, selector: string): Promise<void> {
  await page.locator(selector).evaluate((element) => element.scrollIntoView({ block: 'center' }))
}
