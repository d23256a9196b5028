import { testEngines } from '@hexad/db/testing'
import { fuzzRoutes } from '@hexad/test-support/fuzz'
import { afterAll, describe, expect, it } from 'vitest'
import { build, login, type TestContext } from '../test/build.ts'

// Every route the app has (its own routeCatalog), fuzzed logged in and out; more with FUZZ_RUNS.
const RUNS = Number(process.env.FUZZ_RUNS ?? 100)

describe.each(testEngines)('every console-api route, fuzzed, on %s', (engine) => {
  let t: TestContext
  afterAll(() => t?.close())

  it('never answers 5xx and keeps answering', async () => {
    // The fuzzer's wrong current passwords count against the demo account like failed logins;
    // without a higher back-off threshold they would make the session logins below wait.
    t = await build(engine, { LOGIN_BACKOFF_AFTER_FAILURES: '10000' })
    const report = await fuzzRoutes(
      {
        routes: t.app.routeCatalog,
        inject: (request, operations) =>
          (operations ? t.app.operations : t.app).inject({
            ...request,
            method: request.method as 'GET',
            // The fuzzer's own address: its failed logins never limit the session logins below.
            remoteAddress: '198.51.100.7',
          }),
        credentials: async () => (await login(t.app)).headers,
      },
      { runs: RUNS },
    )
    // Printed so a CI log says how much was fuzzed, and what the answers were.
    process.stdout.write(`console-api fuzz on ${engine}: ${JSON.stringify(report)}\n`)
    expect(report.routes).toBeGreaterThanOrEqual(20)
    expect(Object.keys(report.statuses).some((s) => s.startsWith('2'))).toBe(true)
    expect((await t.app.inject('/healthz')).statusCode).toBe(200)
  }, 600_000)
})
