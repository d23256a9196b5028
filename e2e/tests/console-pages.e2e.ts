import type { BrowserContext, Locator, Page } from 'playwright-core'
import { expect, inject, it } from 'vitest'
import { fileBrowser, pageProblems } from '../src/browser.ts'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  axeViolations,
  elementsPastTheEdge,
  horizontalOverflow,
  unreachable,
  WIDTHS,
  type AxeViolation,
} from '../src/console-pages.ts'
import { DEMO_LOGIN, screenshot } from '../src/demo.ts'

const env = inject('e2e')

const browser = fileBrowser()

// Logged in once for the whole file, the session reused by every context: console-api allows
// five logins per account and minute, and the other suites log in as the same demo user.
let session: Awaited<ReturnType<BrowserContext['storageState']>> | undefined

/** An advertiser's browser, logged in; map tiles refused, as offline: the basemap must do. */
async function loggedIn(
  width = 1366,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser().newContext({
    locale: 'en-US',
    viewport: { width, height: 900 },
    storageState: session,
  })
  await context.route(/tile\.openstreetmap\.org/, (route) => route.abort())
  const page = await context.newPage()
  const problems = pageProblems(page)
  if (!session) {
    await page.goto(`${env.consoleUrl}/login`)
    await page.fill('input[type=email]', DEMO_LOGIN.email)
    await page.fill('input[type=password]', DEMO_LOGIN.password)
    await page.locator('form button[type=submit]').click()
    await page.waitForURL(`${env.consoleUrl}/campaigns`)
    session = await context.storageState()
  } else {
    await page.goto(`${env.consoleUrl}/campaigns`)
  }
  return { context, page, problems }
}

const fenceInputs = async (page: Page) => ({
  lat: await page.inputValue('input[name=lat]'),
  lng: await page.inputValue('input[name=lng]'),
  radiusM: await page.inputValue('input[name=radiusM]'),
})

/** Presses the mouse on `selector`'s centre and lets go `dx`, `dy` pixels away. */
async function drag(page: Page, selector: string, dx: number, dy: number) {
  const box = (await page.locator(selector).boundingBox())!
  const x = box.x + box.width / 2
  const y = box.y + box.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + dx, y + dy, { steps: 8 })
  await page.mouse.up()
}

it('places and drags a fence on the map; after saving and a reload it is where it was dropped', async () => {
  const { context, page, problems } = await loggedIn()
  await page.getByRole('link', { name: 'New campaign' }).click()
  await page.fill('input[name=name]', 'Dragged fence (e2e)')
  await page.fill('input[name=landingUrl]', 'https://landing.hexad-e2e.example/dragged')
  await page.check('input[name=useGeofence]')
  const map = page.getByTestId('geofence-map')
  await page.locator('.fence-handle--centre').waitFor()
  // No tile could load: the offline basemap is there, and the map says so.
  await page.getByText('Map tiles could not load').waitFor()

  // Click to place: the centre jumps there, and the numbers follow.
  const placed0 = await fenceInputs(page)
  const box = (await map.boundingBox())!
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.3)
  await expect.poll(() => fenceInputs(page)).not.toEqual(placed0)
  const placed = await fenceInputs(page)
  expect(Number(placed.lat)).toBeGreaterThan(Number(placed0.lat)) // clicked above the centre
  expect(Number(placed.lng)).toBeLessThan(Number(placed0.lng)) // and left of it

  // Drag the centre down and right, then the radius handle outwards.
  await drag(page, '.fence-handle--centre', 80, 60)
  await expect.poll(() => fenceInputs(page)).not.toEqual(placed)
  const moved = await fenceInputs(page)
  expect(Number(moved.lat)).toBeLessThan(Number(placed.lat))
  expect(Number(moved.lng)).toBeGreaterThan(Number(placed.lng))
  expect(moved.radiusM).toBe(placed.radiusM)
  await drag(page, '.fence-handle--radius', 70, 0)
  await expect
    .poll(async () => Number((await fenceInputs(page)).radiusM))
    .toBeGreaterThan(Number(moved.radiusM))
  const dropped = await fenceInputs(page)
  expect(dropped.lat).toBe(moved.lat)

  // Typing a number moves the circle: the handle follows the input.
  const handleBefore = await page.locator('.fence-handle--radius').boundingBox()
  await page.fill('input[name=radiusM]', String(Number(dropped.radiusM) + 200))
  await expect
    .poll(async () => (await page.locator('.fence-handle--radius').boundingBox())!.x)
    .toBeGreaterThan(handleBefore!.x)
  await page.fill('input[name=radiusM]', dropped.radiusM)

  await page.locator('form button[type=submit]').click()
  await page.waitForURL(/\/campaigns\/\d+$/)
  await page.reload()
  await page.locator('.fence-handle--centre').waitFor()
  expect(await fenceInputs(page)).toEqual(dropped)
  // The list maps it too.
  await page.goto(`${env.consoleUrl}/campaigns`)
  await page.getByTestId('geofence-map').locator('path.leaflet-interactive').first().waitFor()
  expect(problems).toEqual([])
  await context.close()
})

/** What every page's header offers a logged-in advertiser. */
const headerActions = (page: Page): Record<string, Locator> => {
  const nav = page.locator('.app-header__nav')
  return {
    'nav: campaigns': nav.getByRole('link', { name: 'Campaigns' }),
    'nav: reports': nav.getByRole('link', { name: 'Reports' }),
    'nav: account': nav.getByRole('link', { name: 'Account' }),
    'locale switch': page.getByRole('combobox', { name: 'Language' }),
    'sign out': page.getByRole('button', { name: 'Log out' }),
  }
}
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name })

/**
 * Every page of the console, reached as an advertiser does; `ready` says it has painted, and
 * `actions` are what the page is for: each must be on screen and take a click at every width.
 */
const pages: {
  name: string
  path: string
  ready: string
  actions?: (page: Page) => Record<string, Locator>
}[] = [
  {
    name: 'campaigns',
    path: '/campaigns',
    ready: 'tbody tr',
    actions: (page) => ({
      'new campaign': page.getByRole('link', { name: 'New campaign' }),
      'filter: paused': button(page, 'Paused'),
      'pause/resume': page.locator('tbody tr').first().getByRole('button'),
    }),
  },
  {
    name: 'campaign-new',
    path: '/campaigns/new',
    ready: 'input[name=name]',
    actions: (page) => ({ save: button(page, 'Save') }),
  },
  {
    name: 'campaign',
    path: '/campaigns/1',
    ready: '.fence-handle--centre',
    actions: (page) => ({
      save: button(page, 'Save'),
      'pause/resume': button(page, /^(Pause|Resume)$/),
      'new creative': page.getByRole('link', { name: 'New creative' }),
    }),
  },
  {
    name: 'creative-new',
    path: '/campaigns/1/creatives/new',
    ready: '.ad-preview',
    actions: (page) => ({ save: button(page, 'Save') }),
  },
  {
    name: 'reports',
    path: '/reports',
    ready: '.chart canvas',
    actions: (page) => ({ 'report CSV': button(page, 'Download CSV') }),
  },
  {
    name: 'account',
    path: '/account',
    ready: 'input[name=currentPassword]',
    actions: (page) => ({
      'change password': button(page, 'Change password'),
      'sign out everywhere': button(page, 'Sign out of every session'),
    }),
  },
  { name: 'not-found', path: '/no-such-page', ready: 'h1' },
]

it('every page at 1366, 390 and 360 px: no serious or critical axe violation, no horizontal scrolling, every main action on screen; screenshots', async () => {
  const findings: Record<string, AxeViolation[]> = {}
  const overflow: Record<string, number> = {}
  const pastTheEdge: Record<string, { element: string; past: number }[]> = {}
  const blocked: Record<string, Record<string, string>> = {}
  const check = async (
    page: Page,
    name: string,
    width: number,
    actions: Record<string, Locator>,
  ) => {
    const key = `${name}@${width}`
    findings[key] = await axeViolations(page)
    overflow[key] = await horizontalOverflow(page)
    pastTheEdge[key] = await elementsPastTheEdge(page)
    blocked[key] = {}
    for (const [action, locator] of Object.entries(actions)) {
      const why = await unreachable(locator, width)
      if (why) blocked[key][action] = why
    }
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, env.artifacts, `page-${name}-${width}`)
  }

  for (const width of WIDTHS) {
    // Each page is opened at the width, as a phone or a laptop would load it.
    const anonymous = await browser().newContext({
      locale: 'en-US',
      viewport: { width, height: 900 },
    })
    const login = await anonymous.newPage()
    await login.goto(`${env.consoleUrl}/login`)
    await login.locator('input[type=email]').waitFor()
    await check(login, 'login', width, {
      'log in': button(login, 'Log in'),
      'locale switch': login.getByRole('combobox', { name: 'Language' }),
    })
    await anonymous.close()

    const { context, page, problems } = await loggedIn(width)
    for (const { name, path, ready, actions } of pages) {
      await page.goto(`${env.consoleUrl}${path}`)
      await page.locator(ready).first().waitFor()
      await check(page, name, width, { ...headerActions(page), ...actions?.(page) })
    }
    await context.close()
    expect(problems).toEqual([])
  }

  const serious = Object.fromEntries(
    Object.entries(findings).map(([name, violations]) => [
      name,
      violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'),
    ]),
  )
  await writeFile(
    join(env.artifacts, 'console-pages.json'),
    JSON.stringify({ axe: findings, overflow, pastTheEdge, blocked }, null, 2),
  )
  const none = <T>(empty: T) => Object.fromEntries(Object.keys(findings).map((key) => [key, empty]))
  expect(serious).toEqual(none([]))
  expect(overflow).toEqual(none(0))
  expect(pastTheEdge).toEqual(none([]))
  expect(blocked).toEqual(none({}))
})
