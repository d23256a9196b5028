import type { FieldError, RuleParams } from '@hexad/contracts/console-api'

// What the schema validator (Ajv) says about one bad field, turned into the contract's
// FieldError: the keyword as the machine-readable rule, its values, and an English sentence
// for people (Ajv's own, `must NOT have fewer than 1 characters`, is for programmers).

/** One issue as Ajv reports it. */
export interface AjvIssue {
  keyword: string
  instancePath: string
  message?: string
  params: Record<string, unknown>
}

/** The field's path in the request part, dotted (`geofence.lat`), or `(root)`. */
function fieldOf(issue: AjvIssue): string {
  const path = issue.instancePath.split('/').filter(Boolean)
  const missing = issue.params.missingProperty ?? issue.params.additionalProperty
  if (typeof missing === 'string') path.push(missing)
  return path.join('.') || '(root)'
}

/**
 * A nullable field that fails yields three issues ("must be object", "must be null", "must match
 * a schema in anyOf"); only the first says anything to a person.
 */
export function isSpecific(issue: AjvIssue): boolean {
  return issue.keyword !== 'anyOf' && !(issue.keyword === 'type' && issue.params.type === 'null')
}

const isScalar = (value: unknown): value is string | number =>
  typeof value === 'string' || typeof value === 'number'

/** Ajv's params that JSON carries as the contract says (strings, numbers, lists of them). */
function paramsOf(issue: AjvIssue): RuleParams {
  const params: RuleParams = {}
  for (const [name, value] of Object.entries(issue.params)) {
    if (isScalar(value)) params[name] = value
    else if (Array.isArray(value) && value.every(isScalar)) params[name] = value
  }
  return params
}

const TYPE_NAMES: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
}
const FORMAT_NAMES: Record<string, string> = {
  date: 'a real date, like 2026-12-01',
  'date-time': 'a date and time, like 2026-12-01T09:00:00Z',
  uri: 'a full web address, like https://example.com/page',
  email: 'an email address, like name@example.com',
}
const PATTERN_NAMES: Record<string, string> = { '^https://': 'start with https://' }
const COMPARISONS: Record<string, string> = {
  '>=': 'on or after',
  '>': 'after',
  '<=': 'on or before',
  '<': 'before',
}

type Sentence = (params: Record<string, unknown>) => string
const str = (value: unknown) => String(value)

/** Each keyword's sentence, said of the field (`name` … `must have at most 200 characters`). */
const SENTENCES: Record<string, Sentence> = {
  required: () => 'is required',
  additionalProperties: () => 'is not a field this request takes',
  minProperties: () => 'must change at least one field',
  type: ({ type }) => `must be ${TYPE_NAMES[str(type)] ?? str(type)}`,
  minLength: ({ limit }) =>
    limit === 1 ? 'must not be empty' : `must have at least ${str(limit)} characters`,
  maxLength: ({ limit }) => `must have at most ${str(limit)} characters`,
  minimum: ({ limit }) => `must be ${str(limit)} or more`,
  maximum: ({ limit }) => `must be ${str(limit)} or less`,
  exclusiveMinimum: ({ limit }) => `must be more than ${str(limit)}`,
  exclusiveMaximum: ({ limit }) => `must be less than ${str(limit)}`,
  format: ({ format }) => `must be ${FORMAT_NAMES[str(format)] ?? `a valid ${str(format)}`}`,
  // ajv-formats' formatMinimum/formatMaximum: the limit is a value of the format (a day).
  formatMinimum: ({ comparison, limit }) =>
    `must be ${COMPARISONS[str(comparison)] ?? str(comparison)} ${str(limit)}`,
  formatMaximum: ({ comparison, limit }) =>
    `must be ${COMPARISONS[str(comparison)] ?? str(comparison)} ${str(limit)}`,
  pattern: ({ pattern }) =>
    `must ${PATTERN_NAMES[str(pattern)] ?? `match the pattern ${str(pattern)}`}`,
  enum: ({ allowedValues }) => `must be one of: ${[allowedValues].flat().join(', ')}`,
}

/** The contract's FieldError for one Ajv issue in request part `where` (body, querystring…). */
export function fieldErrorOf(where: string, issue: AjvIssue): FieldError {
  const sentence = SENTENCES[issue.keyword]
  return {
    in: where,
    field: fieldOf(issue),
    rule: issue.keyword,
    params: paramsOf(issue),
    message: sentence ? sentence(issue.params) : (issue.message ?? 'is invalid'),
  }
}
