import { requestSchemas } from '@hexad/contracts/console-api'
import { afterAll, describe, expect, it } from 'vitest'
import { build, type TestContext } from '../test/build.ts'

// The console has a message in both languages for every rule of `requestSchemas` (its own
// test walks them); this holds every route to that list, so no route validates with a schema
// the console has not been checked against.
describe('the schemas console-api validates requests with', () => {
  let t: TestContext
  afterAll(() => t?.close())

  it('are all in the contract’s requestSchemas', async () => {
    t = await build('sqlite')
    const listed = new Set<unknown>(Object.values(requestSchemas))
    const unlisted = t.app.routeCatalog.flatMap((route) =>
      (['body', 'querystring', 'params', 'headers'] as const)
        .filter((part) => route.schema?.[part] !== undefined && !listed.has(route.schema[part]))
        .map((part) => `${route.method} ${route.url} ${part}`),
    )
    expect(unlisted).toEqual([])
    // The check above would pass on an app with no schemas at all.
    expect(t.app.routeCatalog.filter((route) => route.schema?.body).length).toBeGreaterThan(4)
  })
})
