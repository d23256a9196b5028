import type { FastifySchema, FastifySchemaCompiler } from 'fastify'
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

const shared: Options = {
  // Report every bad field at once, not just the first one.
  allErrors: true,
  // Never drop a field the schema does not know: `{"radius": 5}` for `radiusM` must be a 400
  // naming `radius`, not a 200 that silently changed nothing.
  removeAdditional: false,
  useDefaults: true,
}

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...shared, ...options })
  addFormats.default(ajv)
  return ajv
}

interface SchemaNode {
  type?: unknown
  properties?: Record<string, SchemaNode>
  items?: SchemaNode | SchemaNode[]
  anyOf?: SchemaNode[]
  oneOf?: SchemaNode[]
  allOf?: SchemaNode[]
  additionalProperties?: unknown
  patternProperties?: Record<string, SchemaNode>
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
}

const isNumeric = (type: unknown) =>
  type === 'number' ||
  type === 'integer' ||
  (Array.isArray(type) && type.some((t) => t === 'number' || t === 'integer'))

/**
 * The rules every request schema keeps, checked once when a route is added, so a route that breaks
 * one fails at start (and in its tests), not in production: every number has a finite lower and
 * upper bound (an unbounded `offset` let `1e20` reach the database; ids past the column's range
 * are 500s), and every body object says `additionalProperties: false` (unknown fields are errors).
 */
function schemaProblems(node: SchemaNode, path: string, body: boolean, out: string[]): string[] {
  if (isNumeric(node.type)) {
    const low = node.minimum ?? node.exclusiveMinimum
    const high = node.maximum ?? node.exclusiveMaximum
    if (!Number.isFinite(low) || !Number.isFinite(high)) {
      out.push(`${path || '(root)'}: a number needs a finite minimum and maximum`)
    }
  }
  if (node.properties) {
    if (body && node.additionalProperties !== false) {
      out.push(`${path || '(root)'}: a body object needs additionalProperties: false`)
    }
    for (const [name, child] of Object.entries(node.properties)) {
      schemaProblems(child, path ? `${path}.${name}` : name, body, out)
    }
  }
  const items = node.items === undefined ? [] : [node.items].flat()
  for (const child of [...items, ...(node.anyOf ?? []), ...(node.oneOf ?? [])]) {
    schemaProblems(child, path, body, out)
  }
  for (const child of node.allOf ?? []) schemaProblems(child, path, body, out)
  return out
}

/** Where the first number that is not finite sits in coerced input (`limit`, `ids.2`), if any. */
function nonFinitePath(value: unknown, path: string[] = []): string[] | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path
  if (value === null || typeof value !== 'object') return undefined
  for (const [key, child] of Object.entries(value)) {
    const found = nonFinitePath(child, [...path, key])
    if (found) return found
  }
  return undefined
}

/**
 * Ajv's coercion turns the text `Infinity` or `1e400` into Infinity and then skips `minimum` and
 * `maximum`, which it applies to finite numbers only (so `lat=Infinity` passed `maximum: 90`).
 * Query strings and params therefore get a second look: no number that is not finite passes.
 */
function finiteOnly(validate: ValidateFunction): ValidateFunction {
  const checked = ((data: unknown, context?: object) => {
    const valid = validate(data, context as never)
    checked.errors = validate.errors
    if (!valid) return false
    const path = nonFinitePath(data)
    if (!path) return true
    const issue: ErrorObject = {
      instancePath: path.map((p) => `/${p}`).join(''),
      schemaPath: '#',
      keyword: 'type',
      params: { type: 'number' },
      message: 'must be a finite number',
    }
    checked.errors = [issue]
    return false
  }) as ValidateFunction
  // Fastify passes the parent when the compiled function says it has a schema environment.
  checked.schemaEnv = validate.schemaEnv
  return checked
}

/**
 * Query strings, params and headers arrive as text and are coerced to the schema's types. JSON
 * bodies already carry types and are never coerced: with coercion `{"cap": 0}` would satisfy
 * `integer ≥ 1 | null` by turning into null — an uncapped campaign nobody asked for.
 */
export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const coercing = makeAjv({ coerceTypes: 'array' })
  const strict = makeAjv({ coerceTypes: false })
  return ({ schema, httpPart, method, url }) => {
    const body = httpPart === 'body'
    // Headers are the platform's (cookies, CSRF tokens), not a route's input to bound.
    if (httpPart !== 'headers') {
      const problems = schemaProblems(schema as SchemaNode, '', body, [])
      if (problems.length > 0) {
        throw new Error(`${method} ${url} ${httpPart}: ${problems.join('; ')}`)
      }
    }
    // JSON has no Infinity, and a strict number type refuses the one `1e400` parses to.
    return body ? strict.compile(schema as object) : finiteOnly(coercing.compile(schema as object))
  }
}
