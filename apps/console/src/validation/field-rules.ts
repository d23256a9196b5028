// The rules of a console-api body, checked in the browser with the very schemas console-api
// validates with (@hexad/contracts/console-api), so a person sees every problem at once, in
// their language, before anything is sent; the API still checks everything itself.
import type { MessageKey } from '../i18n/en.ts'
import { parseDay } from '@hexad/contracts/time'

/** One broken rule: the message key and its values, for the field at `path` (`geofence.lat`). */
export interface BrokenRule {
  key: MessageKey
  values?: Record<string, string | number>
}

/** The JSON Schema keywords the console-api contracts use (TypeBox emits plain JSON Schema). */
interface Schema {
  type?: string
  properties?: Record<string, Schema>
  required?: string[]
  anyOf?: Schema[]
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  pattern?: string
  format?: string
}

function formatBroken(format: string, value: string): BrokenRule | undefined {
  if (format === 'date' && parseDay(value) === undefined) return { key: 'rule.date' }
  if (format === 'uri' && !URL.canParse(value)) return { key: 'rule.url' }
  if (format === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return { key: 'rule.email' }
  return undefined
}

/** The first rule `value` breaks against `schema`, or undefined when it keeps them all. */
function brokenRule(schema: Schema, value: unknown): BrokenRule | undefined {
  if (schema.anyOf) {
    const found = schema.anyOf.map((s) => brokenRule(s, value))
    if (found.some((f) => f === undefined)) return undefined
    // `X or null`: say what is wrong with the X (null is the "leave it empty" choice).
    return found.find((_, i) => schema.anyOf![i]!.type !== 'null') ?? found[0]
  }
  switch (schema.type) {
    case 'null':
      return value === null ? undefined : { key: 'rule.required' }
    case 'string': {
      if (typeof value !== 'string') return { key: 'rule.required' }
      if (schema.minLength !== undefined && value.trim().length < schema.minLength)
        return schema.minLength === 1
          ? { key: 'rule.required' }
          : { key: 'rule.minLength', values: { limit: schema.minLength } }
      if (schema.maxLength !== undefined && value.length > schema.maxLength)
        return { key: 'rule.maxLength', values: { limit: schema.maxLength } }
      if (schema.format) {
        const broken = formatBroken(schema.format, value)
        if (broken) return broken
      }
      if (schema.pattern === '^https://' && !value.startsWith('https://'))
        return { key: 'rule.https' }
      return undefined
    }
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value)) return { key: 'rule.number' }
      if (schema.type === 'integer' && !Number.isInteger(value)) return { key: 'rule.integer' }
      const { minimum: min, maximum: max } = schema
      if ((min !== undefined && value < min) || (max !== undefined && value > max))
        return max === undefined
          ? { key: 'rule.atLeast', values: { min: min! } }
          : { key: 'rule.between', values: { min: min ?? '', max } }
      return undefined
    }
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
): Record<string, BrokenRule> {
  return rulesOf(schema as Schema, value, prefix)
}

function rulesOf(schema: Schema, value: Record<string, unknown>, prefix: string) {
  const found: Record<string, BrokenRule> = {}
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix + name
    const field = value[name]
    if (field === undefined) {
      if (schema.required?.includes(name)) found[path] = { key: 'rule.required' }
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
