import { InputRule, requestSchemas } from '@hexad/contracts/console-api'
import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en.ts'
import { translate } from '../i18n/index.ts'
import { ja } from '../i18n/ja.ts'
import { ruleMessage, type FieldRule } from './rule-messages.ts'

// What the JSON Schema of a request can refuse, read from the schemas console-api validates
// with (console-api's tests hold every route to requestSchemas). A keyword this walk does not
// know fails the test: a new kind of rule cannot reach the API without a message here.
const ANNOTATIONS = new Set(['$id', 'title', 'description', 'examples', 'default'])
const STRUCTURE = new Set(['properties', 'anyOf'])

type Node = Record<string, unknown>

function rulesOf(node: Node, where: string, out: Map<string, FieldRule>): Map<string, FieldRule> {
  const add = (rule: FieldRule) => out.set(JSON.stringify(rule), rule)
  for (const [keyword, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(keyword) || STRUCTURE.has(keyword)) continue
    switch (keyword) {
      // Ajv's issue for a nullable field's `null` branch is never shown (service-kit drops it).
      case 'type':
        if (value !== 'null') add({ rule: 'type', params: { type: value as string } })
        break
      case 'required':
        if ((value as string[]).length > 0) add({ rule: 'required' })
        break
      case 'additionalProperties':
        if (value === false) add({ rule: 'additionalProperties' })
        else throw new Error(`${where}: additionalProperties ${JSON.stringify(value)}`)
        break
      case 'format':
      case 'pattern':
        add({ rule: keyword, params: { [keyword]: value as string } })
        break
      case 'enum':
        add({ rule: 'enum', params: { allowedValues: value as string[] } })
        break
      case 'minLength':
      case 'maxLength':
      case 'minimum':
      case 'maximum':
      case 'minProperties':
      case 'formatMinimum':
      case 'formatMaximum':
        add({ rule: keyword, params: { limit: value as number | string } })
        break
      default:
        throw new Error(`${where}: the keyword ${keyword} is not one this test knows`)
    }
  }
  for (const [name, child] of Object.entries((node.properties ?? {}) as Record<string, Node>))
    rulesOf(child, `${where}.${name}`, out)
  for (const child of (node.anyOf ?? []) as Node[]) rulesOf(child, where, out)
  return out
}

const found = new Map<string, FieldRule>()
for (const [name, schema] of Object.entries(requestSchemas)) rulesOf({ ...schema }, name, found)
const schemaRules = [...found.values()]
const inputRules = InputRule.enum.map((rule): FieldRule =>
  rule === 'rangeTooLong' ? { rule, params: { maxDays: 366 } } : { rule },
)

describe('every rule console-api enforces', () => {
  it('is found in the schemas (the walk reads them)', () => {
    const rules = new Set(schemaRules.map((r) => r.rule))
    for (const rule of ['required', 'minLength', 'maximum', 'format', 'formatMinimum', 'pattern'])
      expect(rules).toContain(rule)
  })

  it.each([...schemaRules, ...inputRules].map((r) => [JSON.stringify(r), r] as const))(
    'has its own message in English and Japanese: %s',
    (_, rule) => {
      const { key, values } = ruleMessage(rule)
      expect(key).not.toBe('rule.invalid')
      for (const locale of ['en', 'ja'] as const) {
        const text = translate(locale, key, values)
        expect(text, locale).not.toMatch(/\{\w+\}/) // every value filled in
        for (const limit of [rule.params?.limit].filter((l) => typeof l === 'number'))
          if (limit !== 1) expect(text, locale).toContain(String(limit))
      }
      expect(ja[key]).not.toBe(en[key])
    },
  )

  it('falls back to a message in the reader’s language for a rule the console does not know', () => {
    for (const rule of ['aRuleFromTheFuture', 'constructor', undefined as unknown as string]) {
      const { key, values } = ruleMessage({ rule })
      expect(translate('ja', key, values)).toBe('この値を確認してください。')
    }
  })
})
