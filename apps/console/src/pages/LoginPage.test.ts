import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeApi, json } from '../testing/fake-api.ts'
import { campaign, campaignPage, session } from '../testing/fixtures.ts'
import { mountApp, settle } from '../testing/mount-app.ts'

const loggedOut = json(401, { error: 'unauthorized', message: 'Not logged in' })
const campaignsPage = json(200, campaignPage([campaign()]))

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

async function logIn(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) {
  await wrapper.find('input[type=email]').setValue('demo@hexad.example')
  await wrapper.find('input[type=password]').setValue('hexad-demo-password')
  await wrapper.find('form').trigger('submit')
  await settle()
}

describe('login', () => {
  it('sends a visitor without a session to login, then back where they were going', async () => {
    const api = fakeApi({
      'GET /api/me': loggedOut,
      'POST /api/auth/login': json(200, session),
      'GET /api/campaigns': campaignsPage,
    })
    const { wrapper, router } = await mountApp('/campaigns?status=active')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/campaigns?status=active')

    await logIn(wrapper)
    expect(api.requests.find((r) => r.path === '/api/auth/login')?.body).toEqual({
      email: 'demo@hexad.example',
      password: 'hexad-demo-password',
    })
    // The campaigns page is a lazy chunk: the first test to reach it waits for vitest to compile it.
    await vi.waitFor(
      () => expect(router.currentRoute.value.fullPath).toBe('/campaigns?status=active'),
      { timeout: 15_000 },
    )
    await settle()
    expect(wrapper.text()).toContain('Shibuya crossing lunch')
    expect(wrapper.text()).toContain('Hexad Demo Coffee')
  })

  it("says wrong credentials in the reader's language, not in the API's English", async () => {
    fakeApi({
      'GET /api/me': loggedOut,
      'POST /api/auth/login': json(401, {
        error: 'invalid_credentials',
        message: 'Email or password is incorrect',
      }),
    })
    const { wrapper, router } = await mountApp('/login')
    await logIn(wrapper)
    expect(wrapper.find('[role=alert]').text()).toBe('The email or the password is wrong.')
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('asks to wait when rate-limited', async () => {
    fakeApi({
      'GET /api/me': loggedOut,
      'POST /api/auth/login': json(429, { error: 'too_many_requests', message: 'Slow down' }),
    })
    const { wrapper } = await mountApp('/login')
    await logIn(wrapper)
    expect(wrapper.find('[role=alert]').text()).toContain('Wait a minute')
  })

  it('returns to login, then to the same page, when the session expires mid-use', async () => {
    let expired = false
    fakeApi({
      'GET /api/me': json(200, session),
      'POST /api/auth/login': () => {
        expired = false
        return json(200, session)
      },
      'GET /api/campaigns': () =>
        expired ? json(401, { error: 'unauthorized', message: 'Session expired' }) : campaignsPage,
    })
    const { wrapper, router } = await mountApp('/campaigns')
    expired = true
    await router.push('/campaigns?status=paused')
    await settle()
    expect(router.currentRoute.value.name).toBe('login')
    expect(wrapper.text()).toContain('Please log in to continue.')

    await logIn(wrapper)
    expect(router.currentRoute.value.fullPath).toBe('/campaigns?status=paused')
  })
})
