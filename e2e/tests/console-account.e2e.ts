import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, expect, inject, it } from 'vitest'
import { logIn } from '../src/advertiser.ts'
import { fileBrowser, pageProblems } from '../src/browser.ts'
import { consoleApiSession } from '../src/console-api.ts'
import { DEMO_LOGIN, screenshot } from '../src/demo.ts'

const env = inject('e2e')
const browser = fileBrowser()
const NEW_PASSWORD = 'hexad-e2e-changed-password'

// The other suites log in as the demo user with its seeded password: whatever happens here,
// the password it had is put back (the test does it through the page; this, if it stopped
// half-way).
let passwordChanged = false
afterAll(async () => {
  if (!passwordChanged) return
  const api = await consoleApiSession(env.consoleApiUrl, DEMO_LOGIN.email, NEW_PASSWORD).catch(
    () => undefined, // the click did not change it after all
  )
  await api?.call('POST', '/api/me/password', {
    currentPassword: NEW_PASSWORD,
    newPassword: DEMO_LOGIN.password,
  })
})

/** A browser of its own (its own cookies), logged in with `password`, on the campaign list. */
async function signedIn(
  password: string,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await (browser() as Browser).newContext({ locale: 'en-US' })
  const page = await context.newPage()
  const problems = pageProblems(page)
  await logIn(page, env.consoleUrl, { email: DEMO_LOGIN.email, password })
  await page.waitForURL(`${env.consoleUrl}/campaigns`)
  return { context, page, problems }
}

const passwordField = (page: Page, name: string) =>
  page.locator('.field', { has: page.locator(`input[name=${name}]`) })

it('changes the password: a wrong current one is refused beside its field; then only the new one logs in, and other sessions end', async () => {
  const other = await signedIn(DEMO_LOGIN.password) // a second device, signed in before
  const { context, page, problems } = await signedIn(DEMO_LOGIN.password)
  await page.getByRole('link', { name: 'Account', exact: true }).click()

  await page.fill('input[name=currentPassword]', 'not-the-demo-password')
  await page.fill('input[name=newPassword]', NEW_PASSWORD)
  await page.fill('input[name=repeatPassword]', NEW_PASSWORD)
  await page.getByRole('button', { name: 'Change password' }).click()
  const currentError = passwordField(page, 'currentPassword').locator('.field__error')
  await expect.poll(() => currentError.textContent()).toBe('This is not your current password.')
  await screenshot(page, env.artifacts, 'account-wrong-password')

  await page.fill('input[name=currentPassword]', DEMO_LOGIN.password)
  passwordChanged = true // from the click on: it may have changed, even if the page never says
  await page.getByRole('button', { name: 'Change password' }).click()
  await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor()
  expect(await currentError.count()).toBe(0) // the old refusal is gone
  expect(await page.inputValue('input[name=currentPassword]')).toBe('') // nothing left typed

  // This session stays; the other device's next call to the API lands it on the login page.
  await page.getByRole('link', { name: 'Campaigns', exact: true }).click()
  await page.locator('tbody tr').first().waitFor()
  await other.page.getByRole('button', { name: 'Paused', exact: true }).click()
  await other.page.waitForURL(/\/login\?redirect=/)

  // The old password no longer logs in, the new one does.
  const fresh = await (browser() as Browser).newContext({ locale: 'en-US' })
  const login = await fresh.newPage()
  await logIn(login, env.consoleUrl, DEMO_LOGIN)
  await login.getByRole('alert').waitFor()
  expect(new URL(login.url()).pathname).toBe('/login')
  await logIn(login, env.consoleUrl, { email: DEMO_LOGIN.email, password: NEW_PASSWORD })
  await login.waitForURL(`${env.consoleUrl}/campaigns`)
  await fresh.close()

  // Put back the seeded password, through the page as well.
  await page.getByRole('link', { name: 'Account', exact: true }).click()
  await page.fill('input[name=currentPassword]', NEW_PASSWORD)
  await page.fill('input[name=newPassword]', DEMO_LOGIN.password)
  await page.fill('input[name=repeatPassword]', DEMO_LOGIN.password)
  await page.getByRole('button', { name: 'Change password' }).click()
  await page.getByRole('status').filter({ hasText: 'Password changed.' }).waitFor()
  passwordChanged = false

  expect([...problems, ...other.problems]).toEqual([])
  await Promise.all([context.close(), other.context.close()])
})

it('signs out of every session: the other browser’s next API action lands on the login page', async () => {
  const phone = await signedIn(DEMO_LOGIN.password)
  const laptop = await signedIn(DEMO_LOGIN.password)

  await laptop.page.getByRole('link', { name: 'Account', exact: true }).click()
  await laptop.page.getByRole('button', { name: 'Sign out of every session' }).click()
  await laptop.page.waitForURL(`${env.consoleUrl}/login`)

  // The phone still shows the list it had; its next request is refused, and it says why.
  await phone.page.getByRole('button', { name: 'Paused', exact: true }).click()
  await phone.page.waitForURL(/\/login\?redirect=/)
  await phone.page.getByText('Please log in to continue.').waitFor()
  // Going back in is the same for both: the session cookie alone no longer opens anything.
  await phone.page.goto(`${env.consoleUrl}/account`)
  await phone.page.waitForURL(/\/login\?redirect=/)
  await screenshot(phone.page, env.artifacts, 'account-signed-out-elsewhere')

  expect([...phone.problems, ...laptop.problems]).toEqual([])
  await Promise.all([phone.context.close(), laptop.context.close()])
})
