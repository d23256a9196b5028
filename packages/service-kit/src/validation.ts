import type { FastifySchema, FastifySchemaCompiler } from 'fastify'
import { Ajv, type Options } from 'ajv'
import addFormats from 'ajv-formats'

const shared: Options = {
  // Report every bad field at once, not just the first one.
  allErrors: true,
  removeAdditional: true,
  useDefaults: true,
}

function makeAjv(options: Options): Ajv {
  const ajv = new Ajv({ ...shared, ...options })
  addFormats.default(ajv)
  return ajv
}

/**
 * Query strings, params and headers arrive as text and are coerced to the schema's types. JSON
 * bodies already carry types and are never coerced: with coercion `{"cap": 0}` would satisfy
 * `integer ≥ 1 | null` by turning into null — an uncapped campaign nobody asked for.
 */
export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const coercing = makeAjv({ coerceTypes: 'array' })
  const strict = makeAjv({ coerceTypes: false })
  return ({ schema, httpPart }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema as object)
}
