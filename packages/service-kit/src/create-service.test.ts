import { afterEach, describe, expect, it } from 'vitest'
import { buildTestService } from '../test/build-test-service.ts'
import type { ServiceInstance } from './create-service.ts'

let app: ServiceInstance
afterEach(() => app?.close())

describe('createService', () => {
  it('lists each bad field of a request body', async () => {
    ;({ app } = await buildTestService())
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { age: -1, email: 'nope' },
    })
    expect(res.statusCode).toBe(400)
    const body = res.json()
    expect(body.error).toBe('Bad Request')
    expect(body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'age',
      'email',
      'name',
    ])
    expect(body.details[0].in).toBe('body')
  })

  it('never coerces JSON bodies, so "5" is not an integer', async () => {
    ;({ app } = await buildTestService())
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { name: 'a', age: '5', email: 'a@b.co' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toEqual([
      {
        in: 'body',
        field: 'age',
        rule: 'type',
        params: { type: 'integer' },
        message: 'must be a whole number',
      },
    ])
  })

  it('answers unknown routes with 404 in the same format', async () => {
    ;({ app } = await buildTestService())
    const res = await app.inject({ method: 'GET', url: '/nowhere' })
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual({ error: 'Not Found', message: 'Route GET /nowhere not found' })
  })

  it('answers 413 when the body is larger than the limit', async () => {
    ;({ app } = await buildTestService({ BODY_LIMIT_BYTES: '1024' }))
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { name: 'x'.repeat(2000), age: 1, email: 'a@b.co' },
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().error).toBe('Payload Too Large')
  })

  it('hides the details of a 5xx from the client but logs them', async () => {
    let logs
    ;({ app, logs } = await buildTestService())
    const res = await app.inject({ method: 'GET', url: '/boom' })
    expect(res.statusCode).toBe(500)
    expect(res.body).not.toContain('hunter2')
    expect(res.json()).toEqual({
      error: 'Internal Server Error',
      message: 'An unexpected error occurred',
    })
    expect(JSON.stringify(logs)).toContain('hunter2')
  })

  it('keeps a 4xx thrown by a handler', async () => {
    ;({ app } = await buildTestService())
    const res = await app.inject({ method: 'GET', url: '/conflict' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual({ error: 'Conflict', message: 'name already taken' })
  })

  it('propagates or creates a request id', async () => {
    ;({ app } = await buildTestService())
    const given = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-1' },
    })
    expect(given.headers['x-request-id']).toBe('abc-1')
    const made = await app.inject({ method: 'GET', url: '/healthz' })
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })

  it("binds a handler's log lines to the request id, at the route's level", async () => {
    let logs: Record<string, unknown>[]
    ;({ app, logs } = await buildTestService({}, { requestLogs: false }))
    await app.inject({ url: '/chatty', headers: { 'x-request-id': 'req-1' } })
    await app.inject({ url: '/quiet', headers: { 'x-request-id': 'req-2' } })
    expect(logs.map(({ reqId, msg, step }) => ({ reqId, msg, step }))).toEqual([
      { reqId: 'req-1', msg: 'handler says hello', step: 'chatty' },
      { reqId: 'req-2', msg: 'wanted at warn', step: undefined },
    ])
  })

  it('redacts credentials from request logs and leaves probes out of them', async () => {
    let logs: Record<string, unknown>[]
    ;({ app, logs } = await buildTestService())
    await app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { authorization: 'Bearer s3cret', cookie: 'session=s3cret' },
    })
    await app.inject({ method: 'GET', url: '/healthz' })
    await app.inject({ method: 'GET', url: '/readyz' })
    const text = JSON.stringify(logs)
    expect(text).not.toContain('s3cret')
    expect(text).toContain('[redacted]')
    expect(text).not.toContain('/healthz')
    expect(text).not.toContain('/readyz')
  })

  it('can leave requests out of the log, but still logs a failing one', async () => {
    let logs: Record<string, unknown>[]
    ;({ app, logs } = await buildTestService({}, { requestLogs: false }))
    await app.inject({ method: 'GET', url: '/nowhere' })
    await app.inject({ method: 'GET', url: '/boom' })
    expect(logs.map((l) => l.msg)).toEqual(['request failed'])
  })

  it("sets helmet's security headers on every response, errors included", async () => {
    ;({ app } = await buildTestService())
    for (const url of ['/healthz', '/nowhere']) {
      const res = await app.inject({ method: 'GET', url })
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['content-security-policy']).toContain("default-src 'self'")
      expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/)
      expect(res.headers['x-powered-by']).toBeUndefined()
    }
  })

  it('answers a literal * when CORS_ORIGINS is *', async () => {
    ;({ app } = await buildTestService({ CORS_ORIGINS: '*' }))
    const res = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://any.example' },
    })
    expect(res.headers['access-control-allow-origin']).toBe('*')
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/echo',
      headers: { origin: 'https://any.example', 'access-control-request-method': 'POST' },
    })
    expect(preflight.statusCode).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
    expect(preflight.headers['access-control-allow-methods']).toContain('POST')
  })

  it('allows only the configured CORS origins', async () => {
    ;({ app } = await buildTestService({ CORS_ORIGINS: 'https://console.example.com' }))
    const allowed = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://console.example.com' },
    })
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.com')
    const other = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { origin: 'https://evil.example' },
    })
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('health and readiness', () => {
  it('is ready when every check passes and says which check failed otherwise', async () => {
    ;({ app } = await buildTestService())
    let dbUp = true
    app.readiness.addCheck('db', () => {
      if (!dbUp) throw new Error('connection refused')
    })
    expect((await app.inject('/readyz')).json()).toEqual({ status: 'ok', checks: { db: 'ok' } })
    dbUp = false
    const res = await app.inject('/readyz')
    expect(res.statusCode).toBe(503)
    expect(res.json()).toEqual({ status: 'unavailable', checks: { db: 'connection refused' } })
    expect((await app.inject('/healthz')).statusCode).toBe(200)
  })

  it('turns readiness 503 once shutting down, while liveness stays 200', async () => {
    ;({ app } = await buildTestService())
    app.readiness.markShuttingDown()
    expect((await app.inject('/readyz')).statusCode).toBe(503)
    expect((await app.inject('/healthz')).statusCode).toBe(200)
  })
})

describe('metrics', () => {
  it('exposes process metrics and a duration histogram by route and status', async () => {
    ;({ app } = await buildTestService())
    await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { name: 'a', age: 1, email: 'a@b.co' },
    })
    await app.inject({ method: 'GET', url: '/no/such/page' })
    await app.inject({ method: 'GET', url: '/healthz' })
    const res = await app.operations.inject('/metrics')
    expect(res.headers['content-type']).toContain('text/plain')
    expect(res.body).toContain('process_cpu_user_seconds_total')
    // Sampled every 100 ms rather than prom-client's 10 (metrics.ts), still served.
    expect(res.body).toMatch(/^nodejs_eventloop_lag_max_seconds \d/m)
    expect(res.body).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/echo",status_code="200"\} 1/,
    )
    expect(res.body).toMatch(/route="unmatched",status_code="404"/)
    expect(res.body).not.toContain('route="/healthz"')
  })
})
