// The one mapping from a broken rule to the words a person reads, for the rules the console
// finds itself (field-rules.ts) and for the API's refusals (FieldError's rule and params): the
// same rule reads the same, in the reader's language, whoever found it.
import type { FieldError } from '@hexad/contracts/console-api'
import type { MessageKey } from '../i18n/en.ts'

/**
 * A rule a field broke: a JSON Schema keyword with its values as Ajv names them (`maxLength`,
 * `{ limit: 200 }`), a contract's `InputRule`, or one of the console's own (`repeatDiffers`).
 */
export type FieldRule = Pick<FieldError, 'rule' | 'params'>

/** What the reader is told: a message and its values. */
export interface RuleMessage {
  key: MessageKey
  values?: Record<string, string | number>
}

type Params = NonNullable<FieldError['params']>
const scalar = (value: Params[string] | undefined) => (Array.isArray(value) ? '' : (value ?? ''))
// Own entries only: a rule named `constructor` or `toString` is one the console does not know.
const lookup = <T>(table: Partial<Record<string, T>>, name: string | number) =>
  Object.hasOwn(table, name) ? table[name] : undefined

const TYPES: Partial<Record<string, MessageKey>> = {
  integer: 'rule.integer',
  number: 'rule.number',
  // The console sends null for a field left empty: for text, that is "fill this in".
  string: 'rule.required',
}
const FORMATS: Partial<Record<string, MessageKey>> = {
  date: 'rule.date',
  uri: 'rule.url',
  email: 'rule.email',
}
const PATTERNS: Partial<Record<string, MessageKey>> = { '^https://': 'rule.https' }

const RULES: Partial<Record<string, (params: Params) => RuleMessage>> = {
  required: () => ({ key: 'rule.required' }),
  dependentRequired: () => ({ key: 'rule.required' }),
  type: ({ type }) => ({ key: lookup(TYPES, scalar(type)) ?? 'rule.type' }),
  minLength: ({ limit }) =>
    limit === 1
      ? { key: 'rule.required' }
      : { key: 'rule.minLength', values: { limit: scalar(limit) } },
  maxLength: ({ limit }) => ({ key: 'rule.maxLength', values: { limit: scalar(limit) } }),
  minimum: ({ limit }) => ({ key: 'rule.atLeast', values: { min: scalar(limit) } }),
  maximum: ({ limit }) => ({ key: 'rule.atMost', values: { max: scalar(limit) } }),
  format: ({ format }) => ({ key: lookup(FORMATS, scalar(format)) ?? 'rule.invalid' }),
  formatMinimum: ({ limit }) => ({ key: 'rule.notBefore', values: { limit: scalar(limit) } }),
  formatMaximum: ({ limit }) => ({ key: 'rule.notAfter', values: { limit: scalar(limit) } }),
  pattern: ({ pattern }) => ({ key: lookup(PATTERNS, scalar(pattern)) ?? 'rule.invalid' }),
  enum: ({ allowedValues }) => ({
    key: 'rule.oneOf',
    values: { values: [allowedValues ?? []].flat().join(', ') },
  }),
  additionalProperties: () => ({ key: 'rule.unknownField' }),
  minProperties: () => ({ key: 'rule.nothingToChange' }),
  // The contract's InputRule: what console-api's handlers check.
  endBeforeStart: () => ({ key: 'rule.endBeforeStart' }),
  rangeTooLong: ({ maxDays }) => ({ key: 'rule.rangeTooLong', values: { max: scalar(maxDays) } }),
  wrongPassword: () => ({ key: 'account.wrongPassword' }),
  nestedTooDeep: () => ({ key: 'rule.nestedTooDeep' }),
  // The console's own: the new password typed twice.
  repeatDiffers: () => ({ key: 'account.mismatch' }),
}

/** The message for a broken rule; a rule the console does not know reads "check this value". */
export function ruleMessage({ rule, params = {} }: FieldRule): RuleMessage {
  return lookup(RULES, rule)?.(params) ?? { key: 'rule.invalid' }
}
