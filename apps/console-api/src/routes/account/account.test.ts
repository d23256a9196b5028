import { demoLogin } from '@hexad/db'
import { testEngines } from '@hexad/db/testing'
import { afterEach, describe, expect, it } from 'vitest'
import {
  badFields,
  build,
  login,
  otherLogin,
  type Session,
  type TestContext,
} from '../../../test/build.ts'

const NEW_PASSWORD = 'a-new-password-of-mine'

describe.each(testEngines)('account on %s', (engine) => {
  let t: TestContext
  afterEach(() => t?.close())

  const me = (session: Session) =>
    t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } })
  const changePassword = (session: Session, payload: object, headers = session.headers) =>
    t.app.inject({ method: 'POST', url: '/api/me/password', headers, payload })

  it('changes the password, keeping this session and ending the others', async () => {
    t = await build(engine)
    const here = await login(t.app)
    const elsewhere = await login(t.app)
    const res = await changePassword(here, {
      currentPassword: demoLogin.password,
      newPassword: NEW_PASSWORD,
    })
    expect(res.statusCode).toBe(204)
    expect((await me(here)).statusCode).toBe(200)
    expect((await me(elsewhere)).statusCode).toBe(401)

    const old = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: demoLogin })
    expect(old.statusCode).toBe(401)
    await login(t.app, { email: demoLogin.email, password: NEW_PASSWORD })
  })

  it('refuses a wrong current password beside its field, changing nothing', async () => {
    t = await build(engine)
    const session = await login(t.app)
    const other = await login(t.app)
    const res = await changePassword(session, {
      currentPassword: 'not-my-password',
      newPassword: NEW_PASSWORD,
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toMatchObject([{ field: 'currentPassword', rule: 'wrongPassword' }])
    expect((await me(other)).statusCode).toBe(200)
    await login(t.app)
  })

  it('limits guesses at the current password like logins', async () => {
    t = await build(engine, { LOGIN_LIMIT_PER_EMAIL_PER_MINUTE: '3' })
    const session = await login(t.app)
    const statuses = []
    for (let i = 0; i < 4; i++) {
      const guess = { currentPassword: `guess-${i}`, newPassword: NEW_PASSWORD }
      statuses.push((await changePassword(session, guess)).statusCode)
    }
    expect(statuses).toEqual([400, 400, 400, 429])
    const right = { currentPassword: demoLogin.password, newPassword: NEW_PASSWORD }
    expect((await changePassword(session, right)).statusCode).toBe(429)
  })

  it('holds a new password to the rules, and needs the CSRF token', async () => {
    t = await build(engine)
    const session = await login(t.app)
    const short = await changePassword(session, {
      currentPassword: demoLogin.password,
      newPassword: 'short',
    })
    expect(short.statusCode).toBe(400)
    expect(badFields(short.json())).toEqual(['newPassword'])
    const unknown = await changePassword(session, {
      currentPassword: demoLogin.password,
      newPassword: NEW_PASSWORD,
      confirm: NEW_PASSWORD,
    })
    expect(unknown.statusCode).toBe(400)
    const body = { currentPassword: demoLogin.password, newPassword: NEW_PASSWORD }
    const forged = await changePassword(session, body, {
      cookie: session.cookie,
    } as Session['headers'])
    expect(forged.statusCode).toBe(403)
    await login(t.app)
  })

  it('signs out of every session, this one included', async () => {
    t = await build(engine)
    const here = await login(t.app)
    const elsewhere = await login(t.app)
    const someoneElse = await login(t.app, otherLogin)
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: here.cookie },
    })
    expect(forged.statusCode).toBe(403)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: here.headers,
    })
    expect(res.statusCode).toBe(204)
    expect(res.cookies.find((c) => c.name === 'hexad_session')?.value).toBe('')
    expect((await me(here)).statusCode).toBe(401)
    expect((await me(elsewhere)).statusCode).toBe(401)
    // Another user's sessions are theirs.
    expect((await me(someoneElse)).statusCode).toBe(200)
  })

  it('audits the change and the sign-out', async () => {
    t = await build(engine)
    const session = await login(t.app)
    await changePassword(session, { currentPassword: 'wrong-one', newPassword: NEW_PASSWORD })
    await changePassword(session, {
      currentPassword: demoLogin.password,
      newPassword: NEW_PASSWORD,
    })
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: session.headers,
    })
    const actions = (await t.closeAndReadAudit()).map((r) => r.action)
    expect(actions).toEqual([
      'login',
      'password_change_failed',
      'password_change',
      'logout_everywhere',
    ])
  })
})
