import type { FastifyInstance } from 'fastify'
import { InvalidInputError } from './errors.ts'

/** Deeper than any body a hexad route takes (a campaign is 3 levels), far below what hurts. */
export const MAX_JSON_DEPTH = 32

const OPEN_OBJECT = 0x7b // {
const OPEN_ARRAY = 0x5b // [
const CLOSE_OBJECT = 0x7d // }
const CLOSE_ARRAY = 0x5d // ]
const QUOTE = 0x22 // "
const BACKSLASH = 0x5c // \

/**
 * Whether JSON text nests objects and arrays deeper than `limit`: one pass over the characters,
 * skipping strings, before any parsing. Written here because neither JSON.parse, Fastify's
 * parser (secure-json-parse) nor ajv bounds nesting, and none of the maintained parsers we found
 * that do is a drop-in for secure-json-parse's prototype-poisoning checks, which we keep.
 */
function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === BACKSLASH) i++
      else if (c === QUOTE) inString = false
    } else if (c === QUOTE) {
      inString = true
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--
    }
  }
  return false
}

/**
 * Fastify's own JSON parser (with its `__proto__` and `constructor` checks), behind the nesting
 * bound: 450,000 nested `[` in a body stalled a service for seconds before this.
 */
export function registerJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string
    if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
      const message = `must not nest objects and arrays more than ${MAX_JSON_DEPTH} deep`
      const params = { maxDepth: MAX_JSON_DEPTH }
      const detail = {
        in: 'body',
        field: '(root)',
        rule: 'nestedTooDeep' as const,
        params,
        message,
      }
      done(new InvalidInputError([detail]), undefined)
      return
    }
    parse(request, text, done)
  })
}
