import { UsageError } from './usage-error.ts'

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 } as const
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy

/**
 * `20s`, `500ms`, `2m`, `1m30s` → milliseconds. A unit is required: a bare `20` could mean seconds
 * (autocannon) or milliseconds (most of Node), and a load test ten times too long is not cheap.
 */
export function parseDuration(flag: string, text: string): number {
  let total = 0
  let end = 0
  PART.lastIndex = 0
  for (let match = PART.exec(text); match; match = PART.exec(text)) {
    total += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]
    end = PART.lastIndex
  }
  if (text === '' || end !== text.length) {
    throw new UsageError(`${flag}: "${text}" is not a duration (e.g. 500ms, 20s, 2m, 1m30s)`)
  }
  return Math.round(total)
}
