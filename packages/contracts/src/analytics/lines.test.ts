import { describe, expect, it } from 'vitest'
import Value from 'typebox/value'
import { lineParser, lineSchema, splitLines } from './lines.ts'
import type { AnalyticsLine } from './lines.ts'

const head = { time: '2026-11-25T09:59:59.123Z', pod: 'ad-api-7d9f-x2k4p' }
const requestId = '0b6f3e3e-1c1c-4c1c-8c1c-1c1c1c1c1c1c'
const samples: AnalyticsLine[] = [
  { ...head, tag: 'ad_request', requestId, slot: 'top', filled: false, latencyMs: 0.4 },
  { ...head, tag: 'impression', requestId, campaign: 1, creative: 2, slot: 'top' },
  { ...head, tag: 'click', requestId, campaign: 1, creative: 2, slot: 'top' },
  {
    ...head,
    tag: 'audit',
    requestId: 'req-1',
    action: 'login',
    outcome: 'success',
    resource: 'session',
    ip: '10.0.0.1',
  },
]

describe('analytics lines', () => {
  it('split into complete lines and the rest after the last newline', () => {
    expect(splitLines('a\n\nb\nhalf')).toEqual({ lines: ['a', '', 'b'], tail: 'half' })
    expect(splitLines('a\n')).toEqual({ lines: ['a'], tail: '' })
    expect(splitLines('')).toEqual({ lines: [], tail: '' })
  })

  it('read a line of each tag as its record', () => {
    const parse = lineParser(['ad_request', 'impression', 'click', 'audit'])
    for (const sample of samples) {
      expect(Value.Check(lineSchema(sample.tag), sample), sample.tag).toBe(true)
      expect(parse(JSON.stringify(sample))).toEqual(sample)
    }
  })

  it("say which lines aren't records of the tags asked for", () => {
    const parse = lineParser(['impression'])
    const impression = samples[1]!
    expect(parse(JSON.stringify(samples[2]))).toBe('other_tag')
    for (const line of [
      'not json',
      'null',
      '[]',
      '{"tag":7}',
      JSON.stringify({ ...impression, campaign: '1' }),
      JSON.stringify({ ...impression, campaign: 0 }),
      JSON.stringify({ ...impression, requestId: undefined }),
      JSON.stringify({ ...impression, time: undefined }),
    ]) {
      expect(parse(line), line).toBe('malformed')
    }
  })

  it('let through fields a newer writer added', () => {
    const parse = lineParser(['impression'])
    const newer = { ...samples[1]!, variant: 'b' }
    expect(parse(JSON.stringify(newer))).toEqual(newer)
  })
})
