import type { Locator, Page } from 'playwright-core'
import { expect, inject, it } from 'vitest'
import { advertiserBrowser } from '../src/advertiser.ts'
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
import { screenshot } from '../src/demo.ts'
import { walkWithTab, type TabWalk } from '../src/keyboard.ts'

const env = inject('e2e')

const { browser, loggedIn } = advertiserBrowser(env.consoleUrl)

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

// The handles' keyboard steps (apps/console/src/map/handle-keys.ts), as the map says them.
const KEY_STEP_M = 100
const BIG_KEY_STEP_M = 1000
// Metres per degree of latitude on the console's sphere; the API keeps 6 decimals (~0.1 m),
// so each of the few presses below may be off by that much.
const METRES_PER_DEGREE = 111_195
const ROUNDING_M = 0.5

/** Presses Tab until `target` has the focus (at most `limit` presses); false if it never did. */
async function tabTo(page: Page, target: Locator, limit = 8): Promise<boolean> {
  for (let press = 0; press < limit; press++) {
    await page.keyboard.press('Tab')
    if (await target.evaluate((element) => element === document.activeElement)) return true
  }
  return false
}

it('moves the fence with the keyboard: Tab to each handle, arrows; after saving and a reload it moved by the steps', async () => {
  const { context, page, problems } = await loggedIn()
  await page.goto(`${env.consoleUrl}/campaigns/new`)
  await page.fill('input[name=name]', 'Keyboard fence (e2e)')
  await page.fill('input[name=landingUrl]', 'https://landing.hexad-e2e.example/keyboard')
  await page.check('input[name=useGeofence]')
  const centre = page.getByRole('button', { name: /^Geofence centre/ })
  const radius = page.getByRole('slider', { name: 'Geofence radius' })
  await centre.waitFor()
  const before = await fenceInputs(page)
  expect(await centre.getAttribute('aria-label')).toBe(
    `Geofence centre, ${before.lat}, ${before.lng}`,
  )
  // The text the handles point to says what the keys do.
  await expect
    .poll(() =>
      centre.evaluate(
        (e) => document.getElementById(e.getAttribute('aria-describedby')!)?.textContent,
      ),
    )
    .toContain('arrow keys: 100 m a press, 1,000 m with Shift')

  // From the last number input, Tab reaches the centre handle (after the map itself).
  await page.focus('input[name=radiusM]')
  expect(await tabTo(page, centre)).toBe(true)
  const ring = await centre.evaluate((e) => getComputedStyle(e).outlineStyle)
  expect(ring).not.toBe('none') // a visible focus ring
  await page.getByTestId('geofence-map').screenshot({
    path: join(env.artifacts, 'screenshots', 'map-centre-handle-focused.png'),
  })
  for (let press = 0; press < 3; press++) await page.keyboard.press('ArrowUp')
  await page.keyboard.press('Shift+ArrowRight')
  await expect.poll(async () => (await fenceInputs(page)).lng).not.toBe(before.lng)
  const moved = await fenceInputs(page)
  // The handle kept the focus while it moved, and its name says the new numbers.
  expect(await centre.evaluate((e) => e === document.activeElement)).toBe(true)
  expect(await centre.getAttribute('aria-label')).toBe(
    `Geofence centre, ${moved.lat}, ${moved.lng}`,
  )

  // Then the radius handle, a slider: two presses to the right, 100 m each.
  expect(await tabTo(page, radius, 1)).toBe(true)
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  const grown = String(Number(before.radiusM) + 2 * KEY_STEP_M)
  await expect.poll(async () => (await fenceInputs(page)).radiusM).toBe(grown)
  expect(await radius.getAttribute('aria-valuenow')).toBe(grown)
  expect(await radius.getAttribute('aria-valuetext')).toBe(`${grown} m`)
  const pressed = await fenceInputs(page)
  expect(pressed.lat).toBe(moved.lat)

  await page.locator('form button[type=submit]').click()
  await page.waitForURL(/\/campaigns\/\d+$/)
  await page.reload()
  await page.locator('.fence-handle--centre').waitFor()
  const saved = await fenceInputs(page)
  expect(saved).toEqual(pressed)
  const northM = (Number(saved.lat) - Number(before.lat)) * METRES_PER_DEGREE
  const eastM =
    (Number(saved.lng) - Number(before.lng)) *
    METRES_PER_DEGREE *
    Math.cos((Number(before.lat) * Math.PI) / 180)
  expect(Math.abs(northM - 3 * KEY_STEP_M)).toBeLessThan(3 * ROUNDING_M)
  expect(Math.abs(eastM - BIG_KEY_STEP_M)).toBeLessThan(ROUNDING_M)
  expect(problems).toEqual([])
  await context.close()
})

/** What every page's header offers a logged-in advertiser. */
const headerActions = (page: Page): Record<string, Locator> => {
  const nav = page.locator('.app-header__nav')
  return {
    'nav: campaigns': nav.getByRole('link', { name: 'Campaigns', exact: true }),
    'nav: reports': nav.getByRole('link', { name: 'Reports', exact: true }),
    'nav: account': nav.getByRole('link', { name: 'Account', exact: true }),
    'locale switch': page.getByRole('combobox', { name: 'Language' }),
    'sign out': page.getByRole('button', { name: 'Log out' }),
  }
}
const button = (page: Page, name: string | RegExp) =>
  page.getByRole('button', { name, exact: typeof name === 'string' })

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
      'new campaign': page.getByRole('link', { name: 'New campaign', exact: true }),
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
    name: 'reports-by-creative',
    path: '/reports?by=creative',
    ready: '.chart canvas',
    actions: (page) => ({ 'report CSV': button(page, 'Download CSV') }),
  },
  {
    name: 'reports-by-hour',
    path: '/reports?by=hour',
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

it('every page by keyboard alone: Tab from the top reaches every control, each with a visible focus ring', async () => {
  const walks: Record<string, TabWalk> = {}
  const anonymous = await browser().newContext({ locale: 'en-US' })
  const login = await anonymous.newPage()
  await login.goto(`${env.consoleUrl}/login`)
  await login.locator('input[type=email]').waitFor()
  walks.login = await walkWithTab(login)
  await anonymous.close()

  const { context, page, problems } = await loggedIn()
  for (const { name, path, ready } of pages) {
    await page.goto(`${env.consoleUrl}${path}`)
    await page.locator(ready).first().waitFor()
    await page.waitForLoadState('networkidle') // the lazy parts too (the list's map)
    walks[name] = await walkWithTab(page)
  }
  await context.close()
  await writeFile(join(env.artifacts, 'console-keyboard.json'), JSON.stringify(walks, null, 2))
  const gaps = Object.fromEntries(
    Object.entries(walks).map(([name, { missed, noRing }]) => [name, { missed, noRing }]),
  )
  expect(gaps).toEqual(
    Object.fromEntries(Object.keys(walks).map((name) => [name, { missed: [], noRing: [] }])),
  )
  // The main actions come in the order they are read: the header's, then the page's own.
  expect(walks.campaigns!.reached.slice(0, 7)).toEqual([
    'a "hexad console"',
    'a "Campaigns"',
    'a "Reports"',
    'a "Account"',
    'select "Language"',
    'button "Log out"',
    'a "New campaign"',
  ])
  expect(problems).toEqual([])
})
