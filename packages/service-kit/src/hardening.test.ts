import Type from 'typebox'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { buildTestService } from '../test/build-test-service.ts'
import { loadConfig, serviceConfigSchema } from './config.ts'
import { createService, type ServiceInstance } from './create-service.ts'
import { MAX_JSON_DEPTH } from './json-body.ts'

let app: ServiceInstance
afterEach(() => {
  vi.restoreAllMocks()
  return app?.close()
})

const person = { name: 'a', age: 1, email: 'a@b.co' }
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

/** How many times `text` is handed to JSON.parse while `run` runs: the work a body costs. */
async function parsesOf(text: string, run: () => Promise<unknown>): Promise<number> {
  const parse = vi.spyOn(JSON, 'parse')
  await run()
  const count = parse.mock.calls.filter(([parsed]) => parsed === text).length
  parse.mockRestore()
  return count
}

describe('bad input is a 400 naming the field', () => {
  it('refuses a body field the schema does not have, instead of dropping it', async () => {
    ;({ app } = await buildTestService())
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { ...person, nmae: 'typo' },
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toMatchObject([
      { in: 'body', field: 'nmae', rule: 'additionalProperties' },
    ])
  })

  it.each([
    ['Infinity', 'maximum', 'must be 90 or less'],
    ['-Infinity', 'minimum', 'must be -90 or more'],
    ['1e400', 'maximum', 'must be 90 or less'],
  ])('refuses lat=%s in a query string', async (lat, rule, message) => {
    ;({ app } = await buildTestService())
    const res = await app.inject({ url: `/page?lat=${lat}` })
    expect(res.statusCode).toBe(400)
    expect(res.json().details).toMatchObject([{ in: 'querystring', field: 'lat', rule, message }])
  })

  it.each(['Infinity', '1e20', '18446744073709551615'])('refuses offset=%s', async (offset) => {
    ;({ app } = await buildTestService())
    const res = await app.inject({ url: `/page?offset=${offset}` })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0].field).toBe('offset')
  })

  it('refuses 1e400 in a JSON body (JSON.parse makes it Infinity)', async () => {
    ;({ app } = await buildTestService())
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":"a","age":1e400,"email":"a@b.co"}',
    })
    expect(res.statusCode).toBe(400)
    expect(res.json().details[0].field).toBe('age')
  })
})

describe('request schemas are checked when a route is added', () => {
  const start = async (schema: object) => {
    app = await createService({ config: loadConfig(serviceConfigSchema({}), { NODE_ENV: 'test' }) })
    app.post('/x', { schema }, async () => null)
    return app.ready()
  }

  it('refuses a number without bounds, naming the route and the field', async () => {
    await expect(start({ querystring: Type.Object({ offset: Type.Integer() }) })).rejects.toThrow(
      /POST \/x querystring: offset: a number needs a finite minimum and maximum/,
    )
  })

  it('refuses a body object that would let unknown fields through', async () => {
    await expect(start({ body: Type.Object({ name: Type.String() }) })).rejects.toThrow(
      /POST \/x body: \(root\): a body object needs additionalProperties: false/,
    )
  })
})

describe('bodies cost nothing before they are needed', () => {
  it('answers an unknown route 404 without parsing its body', async () => {
    ;({ app } = await buildTestService())
    let res
    const payload = nested(100_000)
    const parses = await parsesOf(payload, async () => {
      res = await app.inject({
        method: 'POST',
        url: '/nowhere',
        headers: { 'content-type': 'application/json' },
        payload,
      })
    })
    expect(res!.statusCode).toBe(404)
    expect(parses).toBe(0)
  })

  it(`refuses JSON nested deeper than ${MAX_JSON_DEPTH} before parsing it`, async () => {
    ;({ app } = await buildTestService())
    let res
    const payload = JSON.stringify({ ...person, tags: [] }).replace('[]', nested(MAX_JSON_DEPTH))
    const parses = await parsesOf(payload, async () => {
      res = await app.inject({
        method: 'POST',
        url: '/echo',
        headers: { 'content-type': 'application/json' },
        payload,
      })
    })
    expect(res!.statusCode).toBe(400)
    expect(res!.json().message).toContain(`more than ${MAX_JSON_DEPTH} deep`)
    expect(parses).toBe(0)
  })

  it('still takes nesting up to the bound, and brackets inside strings do not count', async () => {
    ;({ app } = await buildTestService())
    const tags = JSON.parse(nested(MAX_JSON_DEPTH - 1)) as unknown[]
    const res = await app.inject({
      method: 'POST',
      url: '/echo',
      payload: { ...person, name: '[[[[{{{{'.repeat(20), tags },
    })
    expect(res.statusCode).toBe(200)
  })

  it('parses no body at all in a service that takes none', async () => {
    app = await createService({
      config: loadConfig(serviceConfigSchema({}), { NODE_ENV: 'test' }),
      bodies: false,
    })
    app.post('/only-route', async () => 'unreachable')
    const res = await app.inject({ method: 'POST', url: '/only-route', payload: { a: 1 } })
    expect(res.statusCode).toBe(415)
  })
})

describe('the operations port', () => {
  it('serves /metrics there and nowhere else, and nothing but operations routes', async () => {
    ;({ app } = await buildTestService())
    expect((await app.inject('/metrics')).statusCode).toBe(404)
    expect((await app.operations.inject('/metrics')).statusCode).toBe(200)
    expect((await app.operations.inject('/healthz')).statusCode).toBe(404)
    expect((await app.operations.inject('/chatty')).statusCode).toBe(404)
  })

  it('listens on a port of its own', async () => {
    ;({ app } = await buildTestService())
    await app.listen({ host: '127.0.0.1', port: 0 })
    const port = await app.operations.listen({ host: '127.0.0.1', port: 0 })
    const res = await fetch(`http://127.0.0.1:${port}/metrics`)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('process_cpu_user_seconds_total')
  })

  it('lists every route in the catalog, with where it answers', async () => {
    ;({ app } = await buildTestService())
    await app.ready()
    const listed = app.routeCatalog.map(
      (r) => `${r.method} ${r.url}${r.operations ? ' (ops)' : ''}`,
    )
    expect(listed).toEqual(
      expect.arrayContaining(['POST /echo', 'GET /page', 'GET /healthz', 'GET /metrics (ops)']),
    )
  })
})
