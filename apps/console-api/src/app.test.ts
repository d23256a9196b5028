import { testEngines } from '@hexad/db/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { build, type TestContext } from '../test/build.ts'

describe.each(testEngines)('console-api on %s', (engine) => {
  let t: TestContext
  afterEach(() => t?.close())

  it('is ready when the database answers', async () => {
    t = await build(engine)
    const res = await t.app.inject('/readyz')
    expect(res.json()).toEqual({ status: 'ok', checks: { database: 'ok', analytics_log: 'ok' } })
  })

  it('is not ready while a table is missing, though the server answers', async () => {
    t = await build(engine)
    await t.testDb.db.schema.dropTable('login_attempts').execute()
    const res = await t.app.inject('/readyz')
    expect(res.statusCode).toBe(503)
    expect(res.json().checks.database).not.toBe('ok')
  })

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    t = await build(engine)
    const doc = (await t.app.operations.inject('/docs/json')).json()
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/me',
        '/api/campaigns/',
        '/api/campaigns/{id}',
        '/api/campaigns/{campaignId}/creatives/{id}',
        '/api/reports/',
      ]),
    )
    expect(doc.paths['/healthz']).toBeUndefined()
    expect((await t.app.operations.inject('/docs/')).statusCode).toBe(200)
    // Only on the operations port, which no Service exposes.
    expect((await t.app.inject('/docs/')).statusCode).toBe(404)
    expect((await t.app.inject('/docs/json')).statusCode).toBe(404)
    expect((await t.app.inject('/metrics')).statusCode).toBe(404)
  })
})
