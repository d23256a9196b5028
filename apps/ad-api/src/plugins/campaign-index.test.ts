import {
  createTestDb,
  insertAdvertiser,
  insertCampaign,
  mysqlMissing,
  testEngines,
  type TestDb,
} from '@hexad/db/testing'
import type { ServiceInstance } from '@hexad/service-kit'
import { skipBecause } from '@hexad/test-support'
import { afterEach, describe, expect, it } from 'vitest'
import { buildTestApp, testClock } from '../../test/build-test-app.ts'
import { shibuya, shibuyaFence } from '../../test/fixtures.ts'
import { startTcpProxy } from '../../test/tcp-proxy.ts'

const adUrl = `/v1/ads?slot=top&lat=${shibuya.lat}&lng=${shibuya.lng}`
// Refresh only when a test says so (the tests take far less than 30 s of real time), and let
// readiness tolerate a minute of staleness on the test clock.
const env = { INDEX_REFRESH_MS: '30000', INDEX_MAX_STALE_MS: '60000' }

let app: ServiceInstance | undefined
let testDb: TestDb | undefined
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  // Proxies first: a connection frozen mid-query would hold up closing the app's pool.
  for (const cleanup of cleanups.splice(0)) await cleanup()
  await app?.close()
  app = undefined
  await testDb?.destroy()
  testDb = undefined
})

/** One campaign around Shibuya, of an advertiser of its own, live on `now`'s day. */
async function addShibuyaCampaign(now: number) {
  const advertiser_id = await insertAdvertiser(testDb!.db)
  return insertCampaign(testDb!.db, { now, advertiser_id, fence: shibuyaFence })
}

async function ready() {
  const res = await app!.inject('/readyz')
  return { status: res.statusCode, check: res.json().checks?.campaign_index as string }
}

describe.each(testEngines)('campaign index on %s', (engine) => {
  it('picks up a new campaign at the next refresh', async () => {
    const clock = testClock()
    testDb = await createTestDb(engine)
    app = await buildTestApp({ db: testDb.db, now: () => clock.now(), env })
    expect((await app.inject(adUrl)).statusCode).toBe(204)
    await addShibuyaCampaign(clock.now())
    expect((await app.inject(adUrl)).statusCode).toBe(204)
    expect(await app.adIndex.refresh()).toBe(true)
    expect((await app.inject(adUrl)).statusCode).toBe(200)
    const metrics = (await app.operations.inject('/metrics')).body
    expect(metrics).toContain('campaign_index_campaigns 1')
    expect(metrics).toContain('campaign_index_refreshes_total{result="ok"} 2')
  })

  it('refreshes on its own every INDEX_REFRESH_MS', async () => {
    testDb = await createTestDb(engine)
    app = await buildTestApp({ db: testDb.db, env: { INDEX_REFRESH_MS: '100' } })
    await addShibuyaCampaign(Date.now())
    await expect.poll(async () => (await app!.inject(adUrl)).statusCode).toBe(200)
  })
})

/**
 * A fresh MySQL test database (with one campaign around Shibuya, live on `campaignOn`) that the
 * app reaches only through a proxy the test can break; returns the proxy and the app's URL.
 */
async function mysqlBehindProxy(campaignOn?: number) {
  testDb = await createTestDb('mysql')
  if (campaignOn !== undefined) await addShibuyaCampaign(campaignOn)
  const url = new URL(testDb.url)
  const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 3306) })
  cleanups.push(proxy.stop)
  url.host = `127.0.0.1:${proxy.port}`
  return { proxy, databaseUrl: url.toString() }
}

describe('when the database goes away', () => {
  it(
    'MySQL: keeps serving the last good index, and readiness fails only once it is too old',
    skipBecause(mysqlMissing),
    async () => {
      const clock = testClock()
      const { proxy, databaseUrl } = await mysqlBehindProxy(clock.now())
      app = await buildTestApp({
        now: () => clock.now(),
        env: { ...env, DATABASE_URL: databaseUrl },
      })
      expect(await ready()).toEqual({ status: 200, check: 'ok' })

      await proxy.cut()
      clock.advance(30_000)
      expect(await app.adIndex.refresh()).toBe(false)
      const served = await app.inject(adUrl)
      expect(served.statusCode).toBe(200)
      expect((await app.inject(new URL(served.json().impUrl).pathname)).statusCode).toBe(204)
      expect(await ready()).toEqual({ status: 200, check: 'ok' })

      clock.advance(31_000)
      expect(await app.adIndex.refresh()).toBe(false)
      expect((await app.inject(adUrl)).statusCode).toBe(200)
      expect(await ready()).toEqual({ status: 503, check: 'stale: last loaded 61 s ago' })
      expect((await app.operations.inject('/metrics')).body).toContain(
        'campaign_index_refreshes_total{result="error"} 2',
      )

      await proxy.restore()
      expect(await app.adIndex.refresh()).toBe(true)
      expect(await ready()).toEqual({ status: 200, check: 'ok' })
    },
  )

  it(
    'MySQL: a database that stops answering delays nobody and fails the refresh in time',
    skipBecause(mysqlMissing),
    async () => {
      const { proxy, databaseUrl } = await mysqlBehindProxy(Date.now())
      app = await buildTestApp({
        env: { ...env, DATABASE_URL: databaseUrl, INDEX_LOAD_TIMEOUT_MS: '500' },
      })
      proxy.freeze()
      const refreshing = app.adIndex.refresh()
      expect((await app.inject(adUrl)).statusCode).toBe(200)
      // The refresh gives up after INDEX_LOAD_TIMEOUT_MS rather than hanging for good.
      expect(await refreshing).toBe(false)
      await proxy.cut()
      await proxy.restore()
      expect(await app.adIndex.refresh()).toBe(true)
    },
  )

  it(
    'MySQL: starts without the database, unready, and becomes ready when it answers',
    skipBecause(mysqlMissing),
    async () => {
      const { proxy, databaseUrl } = await mysqlBehindProxy()
      await proxy.cut()
      app = await buildTestApp({ env: { ...env, DATABASE_URL: databaseUrl } })
      expect(await ready()).toEqual({ status: 503, check: 'not loaded yet' })
      expect((await app.inject(adUrl)).statusCode).toBe(204)
      await proxy.restore()
      expect(await app.adIndex.refresh()).toBe(true)
      expect(await ready()).toEqual({ status: 200, check: 'ok' })
    },
  )

  it('SQLite: keeps serving once the database handle is gone', async () => {
    const clock = testClock()
    testDb = await createTestDb('sqlite')
    await addShibuyaCampaign(clock.now())
    app = await buildTestApp({
      db: testDb.db,
      now: () => clock.now(),
      env,
    })
    await testDb.db.destroy()
    clock.advance(10_000)
    expect(await app.adIndex.refresh()).toBe(false)
    expect((await app.inject(adUrl)).statusCode).toBe(200)
    expect(await ready()).toEqual({ status: 200, check: 'ok' })
    clock.advance(60_000)
    expect(await ready()).toEqual({ status: 503, check: 'stale: last loaded 70 s ago' })
    expect((await app.inject(adUrl)).statusCode).toBe(200)
  })
})
