import type { FastifySchema, FastifySchemaCompiler } from 'fastify'
import { Ajv, type Options } from 'ajv'
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
  for (const child of [
    ...items,
    ...(node.anyOf ?? []),
    ...(node.oneOf ?? []),
    ...(node.allOf ?? []),
  ]) {
    schemaProblems(child, path, body, out)
  }
  return out
}

/**
 * Query strings, params and headers arrive as text and are coerced to the schema's types. JSON
 * bodies already carry types and are never coerced: with coercion `{"cap": 0}` would satisfy
 * `integer ≥ 1 | null` by turning into null — an uncapped campaign nobody asked for.
 */
export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  // strictNumbers: false, or Ajv lets a coerced `Infinity` / `1e400` skip minimum and maximum
  // (its type check, not its range checks, is what refuses non-finite numbers): with it, the
  // bounds every route must declare refuse them (`lat=Infinity` → `must be <= 90`).
  const coercing = makeAjv({ coerceTypes: 'array', strictNumbers: false })
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
    return (body ? strict : coercing).compile(schema as object)
  }
}
