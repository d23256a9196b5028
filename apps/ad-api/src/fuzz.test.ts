import { createTestDb, insertAdvertiser, insertCampaign, testEngines } from '@hexad/db/testing'
import { fuzzRoutes } from '@hexad/test-support/fuzz'
import { describe, expect, it } from 'vitest'
import { buildTestApp } from '../test/build-test-app.ts'
import { shibuya } from '../test/fixtures.ts'

// Every route the app has (its own routeCatalog); more with FUZZ_RUNS.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100)

describe.each(testEngines)('every ad-api route, fuzzed, on %s', (engine) => {
  it('never answers 5xx and keeps answering', async () => {
    const testDb = await createTestDb(engine)
    const advertiser_id = await insertAdvertiser(testDb.db)
    await insertCampaign(testDb.db, { advertiser_id, fence: { ...shibuya, radiusM: 5_000 } })
    await insertCampaign(testDb.db, { advertiser_id })
    const app = await buildTestApp({ db: testDb.db })
    try {
      // Real tokens (and their tampered twins) for the tracking routes' wildcard.
      const token = app.adTokens.sign({
        requestId: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
        campaign: 1,
        creative: 1,
        slot: 'fuzz',
      })
      const report = await fuzzRoutes(
        {
          routes: app.routeCatalog,
          inject: (request, operations) =>
            (operations ? app.operations : app).inject({
              ...request,
              method: request.method as 'GET',
            }),
          pathSamples: [token, `${token.slice(0, -2)}AA`, token.replace(/^k2\./, 'k9.')],
        },
        { runs: RUNS },
      )
      process.stdout.write(`ad-api fuzz on ${engine}: ${JSON.stringify(report)}\n`)
      expect(report.routes).toBeGreaterThanOrEqual(6)
      expect(Object.keys(report.statuses).some((s) => s.startsWith('2'))).toBe(true)
      expect((await app.inject('/healthz')).statusCode).toBe(200)
    } finally {
      await app.close()
      await testDb.destroy()
    }
  }, 600_000)
})
