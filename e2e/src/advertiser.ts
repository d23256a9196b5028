import type { BrowserContext, Page } from 'playwright-core'
import { fileBrowser, pageProblems } from './browser.ts'
import { DEMO_LOGIN } from './demo.ts'

export interface Advertiser {
  context: BrowserContext
  page: Page
  /** Uncaught errors and console errors seen so far (pageProblems). */
  problems: string[]
}

/**
 * One Chromium for a test file, and a way to open an advertiser's browser in it: logged in as
 * the demo user, on the campaign list, with map tiles refused (as offline: the basemap must do).
 * The file logs in once and reuses the session in every context: console-api limits logins per
 * account, and the other suites log in as the same demo user.
 */
export function advertiserBrowser(consoleUrl: string) {
  const browser = fileBrowser()
  let session: Awaited<ReturnType<BrowserContext['storageState']>> | undefined

  async function loggedIn(width = 1366): Promise<Advertiser> {
    const context = await browser().newContext({
      locale: 'en-US',
      viewport: { width, height: 900 },
      storageState: session,
    })
    await context.route(/tile\.openstreetmap\.org/, (route) => route.abort())
    const page = await context.newPage()
    const problems = pageProblems(page)
    if (!session) {
      await logIn(page, consoleUrl, DEMO_LOGIN)
      await page.waitForURL(`${consoleUrl}/campaigns`)
      session = await context.storageState()
    } else {
      await page.goto(`${consoleUrl}/campaigns`)
    }
    return { context, page, problems }
  }
  return { browser, loggedIn }
}

/** Fills in the login page and sends it; where it lands is the caller's to check. */
export async function logIn(
  page: Page,
  consoleUrl: string,
  login: { email: string; password: string },
): Promise<void> {
  await page.goto(`${consoleUrl}/login`)
  await page.fill('input[type=email]', login.email)
  await page.fill('input[type=password]', login.password)
  await page.locator('form button[type=submit]').click()
}
