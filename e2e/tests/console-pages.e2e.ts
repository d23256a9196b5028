import type { BrowserContext, Page } from 'playwright-core'
import { expect, inject, it } from 'vitest'
import { fileBrowser, pageProblems } from '../src/browser.ts'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  axeViolations,
  horizontalOverflow,
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

/** Every page of the console, reached as an advertiser does; `ready` says it has painted. */
const pages: { name: string; path: string; ready: string }[] = [
  { name: 'campaigns', path: '/campaigns', ready: 'tbody tr' },
  { name: 'campaign-new', path: '/campaigns/new', ready: 'input[name=name]' },
  { name: 'campaign', path: '/campaigns/1', ready: '.fence-handle--centre' },
  { name: 'creative-new', path: '/campaigns/1/creatives/new', ready: '.ad-preview' },
  { name: 'reports', path: '/reports', ready: '.chart canvas' },
  { name: 'reports-by-creative', path: '/reports?by=creative', ready: '.chart canvas' },
  { name: 'reports-by-hour', path: '/reports?by=hour', ready: '.chart canvas' },
  { name: 'account', path: '/account', ready: 'input[name=currentPassword]' },
  { name: 'not-found', path: '/no-such-page', ready: 'h1' },
]

it('every page: no serious or critical axe violation, no horizontal scrolling, screenshots at 1366 and 390 px', async () => {
  const findings: Record<string, AxeViolation[]> = {}
  const overflow: Record<string, number> = {}
  const check = async (page: Page, name: string, width: number) => {
    findings[`${name}@${width}`] = await axeViolations(page)
    overflow[`${name}@${width}`] = await horizontalOverflow(page)
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
    await check(login, 'login', width)
    await anonymous.close()

    const { context, page, problems } = await loggedIn(width)
    for (const { name, path, ready } of pages) {
      await page.goto(`${env.consoleUrl}${path}`)
      await page.locator(ready).first().waitFor()
      await check(page, name, width)
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
    JSON.stringify({ axe: findings, overflow }, null, 2),
  )
  expect(serious).toEqual(Object.fromEntries(Object.keys(findings).map((name) => [name, []])))
  expect(overflow).toEqual(Object.fromEntries(Object.keys(overflow).map((name) => [name, 0])))
})
