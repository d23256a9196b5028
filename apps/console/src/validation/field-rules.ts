// The rules of a console-api body, checked in the browser with the very schemas console-api
// validates with (@hexad/contracts/console-api), so a person sees every problem at once, in
// their language, before anything is sent; the API still checks everything itself. A broken
// rule is named as the API names it (Ajv's keyword and params), so rule-messages.ts says both
// the same way.
import { parseDay } from '@hexad/contracts/time'
import type { FieldRule } from './rule-messages.ts'

/** The JSON Schema keywords the console-api contracts use (TypeBox emits plain JSON Schema). */
interface Schema {
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  anyOf?: Schema[]
  enum?: unknown[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  pattern?: string
  format?: string
  formatMinimum?: string
  formatMaximum?: string
}

const FORMATS: Record<string, (value: string) => boolean> = {
  date: (value) => parseDay(value) !== undefined,
  uri: (value) => URL.canParse(value),
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
}

/**
 * ajv-formats' formatMinimum/formatMaximum, for the one format they bound here: valid days
 * (YYYY-MM-DD) compare as text in the order of time.
 */
function boundBroken(schema: Schema, value: string): FieldRule | undefined {
  if (schema.format !== 'date') return undefined
  if (schema.formatMinimum !== undefined && value < schema.formatMinimum)
    return { rule: 'formatMinimum', params: { comparison: '>=', limit: schema.formatMinimum } }
  if (schema.formatMaximum !== undefined && value > schema.formatMaximum)
    return { rule: 'formatMaximum', params: { comparison: '<=', limit: schema.formatMaximum } }
  return undefined
}

function stringBroken(schema: Schema, value: string): FieldRule | undefined {
  if (schema.minLength !== undefined && value.trim().length < schema.minLength)
    return { rule: 'minLength', params: { limit: schema.minLength } }
  if (schema.maxLength !== undefined && value.length > schema.maxLength)
    return { rule: 'maxLength', params: { limit: schema.maxLength } }
  if (schema.format && FORMATS[schema.format]?.(value) === false)
    return { rule: 'format', params: { format: schema.format } }
  if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value))
    return { rule: 'pattern', params: { pattern: schema.pattern } }
  return boundBroken(schema, value)
}

function numberBroken(schema: Schema, type: string, value: unknown): FieldRule | undefined {
  const isNumber = typeof value === 'number' && !Number.isNaN(value)
  if (!isNumber || (type === 'integer' && !Number.isInteger(value)))
    return { rule: 'type', params: { type } }
  if (schema.minimum !== undefined && value < schema.minimum)
    return { rule: 'minimum', params: { limit: schema.minimum } }
  if (schema.maximum !== undefined && value > schema.maximum)
    return { rule: 'maximum', params: { limit: schema.maximum } }
  return undefined
}

/** The first rule `value` breaks against `schema`, or undefined when it keeps them all. */
function brokenRule(schema: Schema, value: unknown): FieldRule | undefined {
  if (schema.anyOf) {
    const found = schema.anyOf.map((s) => brokenRule(s, value))
    if (found.some((f) => f === undefined)) return undefined
    // `X or null`: say what is wrong with the X (null is the "leave it empty" choice).
    return found.find((_, i) => schema.anyOf![i]!.type !== 'null') ?? found[0]
  }
  if (schema.enum && !schema.enum.includes(value))
    return { rule: 'enum', params: { allowedValues: schema.enum.map(String) } }
  switch (schema.type) {
    case 'null':
      return value === null ? undefined : { rule: 'type', params: { type: 'null' } }
    case 'string':
      return typeof value === 'string'
        ? stringBroken(schema, value)
        : { rule: 'type', params: { type: 'string' } }
    case 'integer':
    case 'number':
      return numberBroken(schema, schema.type, value)
    default:
      return undefined
  }
}

/**
 * Every broken rule of `value` against the object schema `schema` (a TypeBox schema of the
 * contract, which is JSON Schema), by field path.
 */
export function brokenRules(
  schema: object,
  value: Record<string, unknown>,
  prefix = '',
): Record<string, FieldRule> {
  return rulesOf(schema as Schema, value, prefix)
}

function rulesOf(schema: Schema, value: Record<string, unknown>, prefix: string) {
  const found: Record<string, FieldRule> = {}
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix + name
    const field = value[name]
    if (field === undefined) {
      if (schema.required?.includes(name)) found[path] = { rule: 'required' }
      continue
    }
    const objectSchema = property.anyOf?.find((s) => s.type === 'object') ?? property
    if (objectSchema.type === 'object' && field !== null && typeof field === 'object') {
      Object.assign(found, rulesOf(objectSchema, field as Record<string, unknown>, `${path}.`))
      continue
    }
    const broken = brokenRule(property, field)
    if (broken) found[path] = broken
  }
  return found
}
