import type { Page } from 'playwright-core'
import { expect, inject, it } from 'vitest'
import { advertiserBrowser } from '../src/advertiser.ts'
import { screenshot } from '../src/demo.ts'

const env = inject('e2e')
const { loggedIn } = advertiserBrowser(env.consoleUrl)

// An advertiser's image host, answered by the test: one address is missing, one is an image.
const IMAGES = 'https://images.hexad-e2e.example'
// The smallest PNG there is: one transparent pixel.
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
)
const BROKEN = 'The image could not be loaded from this address: check it.'

it('the creative preview says when its image cannot load, and stops saying it for one that loads', async () => {
  const { context, page, problems } = await loggedIn()
  await context.route(`${IMAGES}/**`, (route) =>
    route.request().url().endsWith('/pixel.png')
      ? route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL_PNG })
      : route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' }),
  )
  await page.goto(`${env.consoleUrl}/campaigns/1/creatives/new`)
  const preview = page.locator('.ad-preview')
  await page.fill('input[name=title]', 'Missing image (e2e)')
  await page.fill('textarea[name=body]', 'An image host that answers 404.')
  await page.fill('input[name=imageUrl]', `${IMAGES}/missing.png`)
  await preview.getByRole('status').filter({ hasText: BROKEN }).waitFor()
  expect(await preview.locator('img').count()).toBe(0)
  await screenshot(page, env.artifacts, 'creative-image-broken')

  // Another address gets its own try: an image that loads replaces the message.
  await page.fill('input[name=imageUrl]', `${IMAGES}/pixel.png`)
  await expect
    .poll(() => preview.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
    .toBe(1)
  expect(await preview.getByText(BROKEN).count()).toBe(0)

  // Saved with the missing one, the campaign's list of creatives says it too.
  await page.fill('input[name=imageUrl]', `${IMAGES}/missing.png`)
  await page.locator('form button[type=submit]').click()
  await page.waitForURL(`${env.consoleUrl}/campaigns/1`)
  const listed = page.locator('.creatives__item', { hasText: 'Missing image (e2e)' })
  await listed.getByRole('status').filter({ hasText: BROKEN }).waitFor()

  // Leave the campaign as the other suites know it.
  page.once('dialog', (dialog) => void dialog.accept())
  await listed.getByRole('button', { name: 'Delete' }).click()
  await listed.waitFor({ state: 'detached' })
  expect(problems).toEqual([])
  await context.close()
})

/** The campaigns the list shows now, by name. */
const listedNames = (page: Page) =>
  page
    .locator('tbody tr td:first-child a')
    .evaluateAll((links) => links.map((link) => link.textContent?.trim()))

/**
 * Shows the list under the `filter` chip and presses `action` (Resume or Pause) on the campaign
 * called `name`: the page is fetched again (it shows "loading" meanwhile), without it. Returns
 * how many campaigns are left under the filter.
 */
async function leavesTheFilter(
  page: Page,
  filter: 'Paused' | 'Active',
  action: 'Resume' | 'Pause',
  name: string,
): Promise<number> {
  await page.getByRole('button', { name: filter, exact: true }).click()
  await page.waitForURL(new RegExp(`status=${filter.toLowerCase()}`))
  const row = page.locator('tbody tr', { hasText: name })
  await row.waitFor()
  const before = await listedNames(page)
  await row.getByRole('button', { name: action, exact: true }).click()
  await expect.poll(() => listedNames(page)).toEqual(before.filter((n) => n !== name))
  return before.length - 1
}

it('the list’s filters after pause and resume: a campaign resumed under Paused leaves it, and paused again under Active leaves that', async () => {
  const { context, page, problems } = await loggedIn()
  const name = 'Roppongi nightlife (paused)' // seeded paused

  const left = await leavesTheFilter(page, 'Paused', 'Resume', name)
  // The count follows (none left: the filter's own empty message), the filter stays pressed.
  await page.getByText(left > 0 ? `of ${left}` : 'No campaigns match this filter.').waitFor()
  const paused = page.getByRole('button', { name: 'Paused', exact: true })
  expect(await paused.getAttribute('aria-pressed')).toBe('true')

  await leavesTheFilter(page, 'Active', 'Pause', name)

  // Unfiltered, it is there, paused, as it started.
  await page.getByRole('button', { name: 'All', exact: true }).click()
  await page
    .locator('tbody tr', { hasText: name })
    .locator('.badge', { hasText: 'Paused' })
    .waitFor()
  expect(problems).toEqual([])
  await context.close()
})
