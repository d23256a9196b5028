import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakeApi, json } from '../testing/fake-api.ts'
import { session } from '../testing/fixtures.ts'
import { mountApp, settle } from '../testing/mount-app.ts'

afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

type Wrapper = Awaited<ReturnType<typeof mountApp>>['wrapper']

async function fill(wrapper: Wrapper, current: string, next: string, repeat = next) {
  await wrapper.find('input[name=currentPassword]').setValue(current)
  await wrapper.find('input[name=newPassword]').setValue(next)
  await wrapper.find('input[name=repeatPassword]').setValue(repeat)
  await wrapper.find('form').trigger('submit')
  await settle()
}

const errorOf = (wrapper: Wrapper, name: string) =>
  wrapper.find(`input[name=${name}]`).element.closest('.field')?.querySelector('.field__error')
    ?.textContent

async function openAccount() {
  const mounted = await mountApp('/account')
  // A lazy chunk: the first test to reach it waits for vitest to compile it.
  await vi.waitFor(() => expect(mounted.wrapper.find('input[name=currentPassword]').exists()), {
    timeout: 15_000,
  })
  return mounted
}

describe('account page', () => {
  it('changes the password with the CSRF token, then says so and empties the fields', async () => {
    const api = fakeApi({
      'GET /api/me': json(200, session),
      'POST /api/me/password': json(204),
    })
    const { wrapper } = await openAccount()
    await fill(wrapper, 'hexad-demo-password', 'a-longer-new-password')
    const sent = api.requests.find((r) => r.path === '/api/me/password')
    expect(sent?.body).toEqual({
      currentPassword: 'hexad-demo-password',
      newPassword: 'a-longer-new-password',
    })
    expect(sent?.headers['x-csrf-token']).toBe(session.csrfToken)
    expect(wrapper.find('[role=status]').text()).toContain('Password changed')
    expect((wrapper.find('input[name=newPassword]').element as HTMLInputElement).value).toBe('')
  })

  it('checks the rules before sending, all at once', async () => {
    const api = fakeApi({ 'GET /api/me': json(200, session) })
    const { wrapper } = await openAccount()
    await fill(wrapper, '', 'short', 'other')
    expect(errorOf(wrapper, 'currentPassword')).toBe('Fill this in.')
    expect(errorOf(wrapper, 'newPassword')).toBe('Use at least 12 characters.')
    expect(errorOf(wrapper, 'repeatPassword')).toBe('The two new passwords differ.')
    expect(api.requests.some((r) => r.path === '/api/me/password')).toBe(false)
  })

  it("says in the reader's words when the current password is wrong", async () => {
    fakeApi({
      'GET /api/me': json(200, session),
      'POST /api/me/password': json(400, {
        error: 'Bad Request',
        message: 'currentPassword is not your current password',
        details: [
          {
            in: 'body',
            field: 'currentPassword',
            rule: 'wrongPassword',
            message: 'is not your current password',
          },
        ],
      }),
    })
    const { wrapper } = await openAccount()
    await fill(wrapper, 'a-wrong-one', 'a-longer-new-password')
    expect(errorOf(wrapper, 'currentPassword')).toBe('This is not your current password.')
    expect(wrapper.find('[role=status]').exists()).toBe(false)
  })

  it('signs out of every session and returns to login', async () => {
    const api = fakeApi({
      'GET /api/me': json(200, session),
      'POST /api/auth/logout-everywhere': json(204),
    })
    const { wrapper, router } = await openAccount()
    const button = wrapper.findAll('button').find((b) => b.text() === 'Sign out of every session')
    await button!.trigger('click')
    await settle()
    expect(api.requests.map((r) => `${r.method} ${r.path}`)).toContain(
      'POST /api/auth/logout-everywhere',
    )
    // The login page is a lazy chunk too.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('login'), {
      timeout: 15_000,
    })
    expect(wrapper.text()).not.toContain(session.user.advertiserName)
  })
})
