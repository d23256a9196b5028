import { demoLogin, toSqlDateTime } from '@hexad/db'
import type { ServiceInstance } from '@hexad/service-kit'
import { testEngines } from '@hexad/db/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { build, login, type TestContext } from '../../../test/build.ts'

describe.each(testEngines)('auth on %s', (engine) => {
  let t: TestContext
  afterEach(() => t?.close())

  it('logs in with a server-side session in an HttpOnly SameSite=Lax cookie', async () => {
    t = await build(engine)
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: demoLogin })
    expect(res.statusCode).toBe(200)
    expect(res.json().user).toMatchObject({
      email: demoLogin.email,
      advertiserName: 'Hexad Demo Coffee',
      timeZone: 'Asia/Tokyo',
    })
    const cookie = res.cookies.find((c) => c.name === 'hexad_session')!
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' })
    expect(cookie.secure).toBeUndefined()
    // The database holds a keyed hash of the token, never the token itself.
    const stored = await t.testDb.db.selectFrom('sessions').select('id').execute()
    expect(stored.map((s) => s.id)).not.toContain(cookie.value)
    expect(stored).toHaveLength(1)
  })

  it('answers unknown email and wrong password the same way', async () => {
    t = await build(engine)
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@hexad.example', password: 'whatever' },
    })
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: demoLogin.email, password: 'not-the-password' },
    })
    expect(unknown.statusCode).toBe(401)
    expect(wrong.statusCode).toBe(401)
    expect(unknown.json()).toEqual(wrong.json())
    expect(unknown.cookies).toHaveLength(0)
  })

  it('validates the login body', async () => {
    t = await build(engine)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email' },
    })
    expect(res.statusCode).toBe(400)
    expect(
      res
        .json()
        .details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['email', 'password'])
  })

  it('serves /api/me to a logged-in user only, and logout ends the session', async () => {
    t = await build(engine)
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401)
    const session = await login(t.app)
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: session.cookie },
    })
    expect(me.json()).toMatchObject({
      user: { email: demoLogin.email },
      csrfToken: session.csrfToken,
    })

    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: session.headers,
    })
    expect(logout.statusCode).toBe(204)
    expect(logout.cookies.find((c) => c.name === 'hexad_session')?.value).toBe('')
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(401)
  })

  it('refuses an expired session', async () => {
    t = await build(engine)
    const session = await login(t.app)
    await t.testDb.db.updateTable('sessions').set({ expires_at: '2000-01-01 00:00:00' }).execute()
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: session.cookie },
    })
    expect(res.statusCode).toBe(401)
  })

  it('refuses a logout without the CSRF token', async () => {
    t = await build(engine)
    const session = await login(t.app)
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: session.cookie },
    })
    expect(res.statusCode).toBe(403)
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: session.cookie } }))
        .statusCode,
    ).toBe(200)
  })

  const attempt = (app: ServiceInstance, ip: string, password = 'guess') =>
    app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: ip,
      payload: { email: demoLogin.email, password },
    })

  it('limits guesses at one account from one address, without locking its owner out', async () => {
    t = await build(engine, { LOGIN_LIMIT_PER_EMAIL_PER_MINUTE: '3' })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await attempt(t.app, '10.0.0.1')).statusCode)
    expect(statuses).toEqual([401, 401, 401, 429])
    // Even the right password waits out the window from there: the limit is on guesses.
    const limited = await attempt(t.app, '10.0.0.1', demoLogin.password)
    expect(limited.statusCode).toBe(429)
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(limited.json()).toMatchObject({ error: 'Too Many Requests' })
    // The owner, from their own address, logs in as usual.
    expect((await attempt(t.app, '10.0.0.2', demoLogin.password)).statusCode).toBe(200)
  })

  it('counts failures in the database, so every replica sees them', async () => {
    t = await build(engine, { LOGIN_LIMIT_PER_EMAIL_PER_MINUTE: '3' })
    const other = await t.replica()
    const statuses = []
    for (const app of [t.app, other, t.app, other]) {
      statuses.push((await attempt(app, '10.0.0.1')).statusCode)
    }
    expect(statuses).toEqual([401, 401, 401, 429])
  })

  it('slows guesses spread over many addresses to a back-off of at most a minute', async () => {
    t = await build(engine, { LOGIN_BACKOFF_AFTER_FAILURES: '4' })
    const statuses = []
    for (let i = 1; i <= 4; i++) statuses.push((await attempt(t.app, `10.0.1.${i}`)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401])
    const waiting = await attempt(t.app, '10.0.2.1', demoLogin.password)
    expect(waiting.statusCode).toBe(429)
    expect(Number(waiting.headers['retry-after'])).toBeLessThanOrEqual(60)
    // A minute after the last failure, the owner gets in whatever the attacker did.
    await t.testDb.db
      .updateTable('login_attempts')
      .set({ last_failed_at: toSqlDateTime(new Date(Date.now() - 61_000)) })
      .execute()
    expect((await attempt(t.app, '10.0.2.1', demoLogin.password)).statusCode).toBe(200)
  })

  it('rate-limits logins per IP, across emails', async () => {
    t = await build(engine, {
      LOGIN_LIMIT_PER_IP_PER_MINUTE: '3',
      LOGIN_LIMIT_PER_EMAIL_PER_MINUTE: '100',
    })
    const statuses = []
    for (let i = 1; i <= 4; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '192.0.2.7',
        payload: { email: `user${i}@hexad.example`, password: 'guess' },
      })
      statuses.push(res.statusCode)
    }
    expect(statuses).toEqual([401, 401, 401, 429])
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '192.0.2.8',
      payload: demoLogin,
    })
    expect(elsewhere.statusCode).toBe(200)
  })
})

const STRONG_SECRET = 'c2VjcmV0LWZvci10ZXN0cy1vbmx5LTEyMzQ1Njc4OTA'

describe('auth in production', () => {
  let t: TestContext
  afterEach(() => t?.close())

  it('marks the cookie Secure', async () => {
    t = await build('sqlite', { NODE_ENV: 'production', SESSION_SECRET: STRONG_SECRET })
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: demoLogin })
    expect(res.cookies.find((c) => c.name === 'hexad_session')?.secure).toBe(true)
  })

  it.each([
    ['the development value', 'hexad-development-only-session-secret', /development value/],
    ['a repeated character', 'p'.repeat(40), /too weak/],
  ])('refuses %s as SESSION_SECRET, naming the variable', async (_what, secret, reason) => {
    await expect(
      build('sqlite', { NODE_ENV: 'production', SESSION_SECRET: secret }),
    ).rejects.toThrow(new RegExp(`SESSION_SECRET: .*${reason.source}`))
  })

  it('refuses to start without a session secret', async () => {
    await expect(build('sqlite', { NODE_ENV: 'production' })).rejects.toThrow(
      /SESSION_SECRET: is required/,
    )
  })
})
