// Property-based fuzzing of every route of a Fastify app with fast-check: whatever the path,
// query, headers and body, the answer is never a 5xx and the process keeps answering. The routes
// come from the app itself (service-kit's routeCatalog, filled by Fastify's onRoute hook), so a
// route added later by anyone is fuzzed without a line changed here.
import fc from 'fast-check'

/** What the fuzzer needs of a route: service-kit's CatalogedRoute has it. */
export interface FuzzRoute {
  method: string
  url: string
  schema?: { querystring?: unknown; body?: unknown }
  operations: boolean
}

export interface FuzzRequest {
  method: string
  url: string
  headers: Record<string, string>
  payload?: string
}

export interface FuzzTarget {
  routes: readonly FuzzRoute[]
  /** app.inject, or app.operations.inject for operations routes. */
  inject(request: FuzzRequest, operations: boolean): Promise<{ statusCode: number; body: string }>
  /** Headers of a logged-in user, made afresh before each route (a fuzzed logout ends a session). */
  credentials?(): Promise<Record<string, string>>
  /** Path segments worth trying besides nasty ones (valid tokens, ids that exist). */
  pathSamples?: readonly string[]
}

export interface FuzzReport {
  requests: number
  routes: number
  /** How many answers had each status: a run that only ever saw 404s fuzzed nothing. */
  statuses: Record<number, number>
}

/** Text that has broken number and id handling before: non-finite, huge, negative, fractional. */
const nastyScalars = [
  'Infinity',
  '-Infinity',
  'NaN',
  '1e400',
  '-1e400',
  '1e20',
  '18446744073709551615',
  '9007199254740993',
  '2147483648',
  '-1',
  '0',
  '1',
  '1.5',
  '0x10',
  '',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  '..',
  '0000-01-01',
  '9999-12-31',
  '1970-01-01',
  '2026-02-30',
  '__proto__',
  'constructor',
]

const scalarText = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...nastyScalars) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
)

const jsonScalar = fc.oneof(
  fc.constantFrom(Infinity, -Infinity, NaN, 1e20, 2 ** 31, -1, 0, 1.5, Number.MAX_VALUE),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 60 }),
  fc.constantFrom(...nastyScalars),
)

interface Schema {
  type?: string | string[]
  properties?: Record<string, Schema>
  required?: string[]
  anyOf?: Schema[]
  enum?: unknown[]
  const?: unknown
  format?: string
  minimum?: number
  maximum?: number
  minLength?: number
  default?: unknown
  examples?: unknown[]
  items?: Schema
}

const formatted: Record<string, string> = {
  date: '2026-06-15',
  'date-time': '2026-06-15T09:00:00Z',
  email: 'fuzz@hexad.example',
  uri: 'https://example.com/landing',
}

/** A value the schema accepts, as far as a simple reading of it goes: requests that get deep. */
function validValue(schema: Schema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return jsonScalar
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map(validValue))
  if (schema.examples?.length) return fc.constantFrom(...schema.examples)
  const type = [schema.type].flat()[0]
  switch (type) {
    case 'integer':
      return fc.integer({
        min: schema.minimum ?? -1000,
        max: Math.min(schema.maximum ?? 1000, 2 ** 31),
      })
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000, noNaN: true })
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(validValue(schema.items), { maxLength: 3 })
    case 'object':
      return validObject(schema)
    case 'string':
      if (schema.format && formatted[schema.format]) return fc.constant(formatted[schema.format])
      return fc.constant('a'.repeat(Math.max(1, schema.minLength ?? 1)))
    default:
      return jsonScalar
  }
}

function validObject(schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(schema.properties ?? {})
  const required = new Set(schema.required ?? [])
  return fc.record(Object.fromEntries(entries.map(([key, child]) => [key, validValue(child)])), {
    requiredKeys: entries.map(([key]) => key).filter((key) => required.has(key)),
  })
}

/** A valid object with one field made nasty, or one field the schema does not have. */
function nearlyValid(
  schema: Schema,
  nasty: fc.Arbitrary<unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(schema.properties ?? {})
  const wrongKey = fc.oneof(
    ...(keys.length > 0 ? [fc.constantFrom(...keys)] : []),
    fc.string({ minLength: 1, maxLength: 10 }),
  )
  return fc
    .tuple(validObject(schema), wrongKey, nasty)
    .map(([object, key, value]) => ({ ...object, [key]: value }))
}

function propertiesOf(schema: unknown): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | undefined)?.properties
  return properties ? Object.keys(properties) : []
}

/** A value for one field: mostly nasty, sometimes nested, sometimes an unknown shape. */
const fieldValue = fc.oneof(
  { weight: 4, arbitrary: jsonScalar },
  { weight: 1, arbitrary: fc.array(jsonScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 10 }), jsonScalar, { maxKeys: 4 }) },
)

/** JSON text with the schema's own keys (so validation goes deep) and some it does not have. */
function bodyText(schema: unknown): fc.Arbitrary<string> {
  const known = propertiesOf(schema)
  const keys = fc.oneof(
    { weight: 3, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.string() },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype') },
  )
  // JSON.stringify writes non-finite numbers as null; the replacer keeps them as text JSON.parse
  // reads back as Infinity (`1e400`), which is what a client can really send.
  const asJson = (value: unknown) =>
    JSON.stringify(value, (_key, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? `__n${String(v)}` : v,
    ).replace(/"__n(-?Infinity|NaN)"/g, (_m, n: string) =>
      n === 'NaN' ? 'null' : n.startsWith('-') ? '-1e400' : '1e400',
    )
  const typed = schema as Schema | undefined
  return fc.oneof(
    { weight: 3, arbitrary: typed ? validObject(typed).map(asJson) : fc.constant('{}') },
    {
      weight: 6,
      arbitrary: typed ? nearlyValid(typed, fieldValue).map(asJson) : fc.constant('{}'),
    },
    { weight: 3, arbitrary: fc.dictionary(keys, fieldValue, { maxKeys: 8 }).map(asJson) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5_000 }).map((d) => '['.repeat(d)) },
    {
      weight: 1,
      arbitrary: fc
        .integer({ min: 1, max: 200 })
        .map((d) => '{"a":'.repeat(d) + '1' + '}'.repeat(d)),
    },
    { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  )
}

/** The route's URL with each `:param` and `*` filled with nasty text. */
function pathOf(url: string, samples: readonly string[]): fc.Arbitrary<string> {
  // Small ids and the target's samples too: they name what exists, so requests reach handlers.
  const segment = fc.oneof(
    scalarText.map(encodeURIComponent),
    fc.integer({ min: 1, max: 12 }).map(String),
    ...(samples.length > 0 ? [fc.constantFrom(...samples)] : []),
  )
  const parts = url.split('/').map((part) => {
    if (part.startsWith(':')) return segment
    if (part === '*') {
      return fc.array(segment, { minLength: 0, maxLength: 2 }).map((segments) => segments.join('/'))
    }
    return fc.constant(part)
  })
  return fc.tuple(...parts).map((segments) => segments.join('/') || '/')
}

const queryText = (pairs: [string, unknown][]) =>
  pairs.length === 0
    ? ''
    : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join('&')}`

function queryOf(schema: unknown): fc.Arbitrary<string> {
  const typed = schema as Schema | undefined
  if (typed?.properties) {
    return fc.oneof(
      { weight: 1, arbitrary: validObject(typed).map((o) => queryText(Object.entries(o))) },
      {
        weight: 3,
        arbitrary: nearlyValid(typed, scalarText).map((o) => queryText(Object.entries(o))),
      },
      { weight: 1, arbitrary: randomQuery(schema) },
    )
  }
  return randomQuery(schema)
}

function randomQuery(schema: unknown): fc.Arbitrary<string> {
  const known = propertiesOf(schema)
  const key = fc.oneof(
    { weight: 4, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.string() },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  )
  return fc.array(fc.tuple(key, scalarText), { maxLength: 6 }).map(queryText)
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  undefined,
)

function requestOf(
  route: FuzzRoute,
  credentials: Record<string, string>,
  samples: readonly string[],
): fc.Arbitrary<FuzzRequest> {
  const takesBody = !['GET', 'HEAD'].includes(route.method)
  return fc
    .record({
      path: pathOf(route.url, samples),
      query: queryOf(route.schema?.querystring),
      payload: takesBody ? fc.option(bodyText(route.schema?.body)) : fc.constant(null),
      contentType: contentTypes,
      loggedIn: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, fc.constant(false)),
      origin: fc.option(fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1')),
    })
    .map(({ path, query, payload, contentType, loggedIn, origin }) => {
      const headers: Record<string, string> = loggedIn ? { ...credentials } : {}
      if (contentType && payload !== null) headers['content-type'] = contentType
      if (origin) headers.origin = origin
      return {
        method: route.method,
        url: path + query,
        headers,
        ...(payload === null ? {} : { payload }),
      }
    })
}

/**
 * Fuzzes every route `runs` times (fast-check shrinks a failure to a small request and reports its
 * seed). Throws on the first 5xx or on an injection that rejects (a crash).
 */
export async function fuzzRoutes(
  target: FuzzTarget,
  options: { runs: number; seed?: number },
): Promise<FuzzReport> {
  const report: FuzzReport = { requests: 0, routes: 0, statuses: {} }
  for (const route of target.routes) {
    report.routes++
    const credentials = (await target.credentials?.()) ?? {}
    await fc.assert(
      fc.asyncProperty(requestOf(route, credentials, target.pathSamples ?? []), async (request) => {
        const res = await target.inject(request, route.operations)
        report.requests++
        report.statuses[res.statusCode] = (report.statuses[res.statusCode] ?? 0) + 1
        if (res.statusCode >= 500) {
          throw new Error(
            `${route.method} ${route.url}: ${res.statusCode} ${res.body.slice(0, 300)}`,
          )
        }
      }),
      { numRuns: options.runs, ...(options.seed === undefined ? {} : { seed: options.seed }) },
    )
  }
  return report
}
