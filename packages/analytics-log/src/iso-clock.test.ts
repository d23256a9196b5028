import { describe, expect, it } from 'vitest'
import { IsoClock } from './iso-clock.ts'

describe('IsoClock', () => {
  it('writes every millisecond as toISOString does, across seconds, backwards and at the edges', () => {
    const clock = new IsoClock()
    const start = Date.UTC(2026, 11, 31, 23, 59, 58, 990)
    const instants = [
      ...Array.from({ length: 2_100 }, (_, i) => start + i), // two second boundaries and a year
      start + 500, // back into an earlier second
      0,
      -1,
      -1_000,
      -1_001,
      1.5, // a fraction of a millisecond
      Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      Date.UTC(10000, 0, 1), // +010000-…: six-digit years
      Date.UTC(10000, 0, 1) + 1,
      Date.UTC(-1, 0, 1),
    ]
    for (const ms of instants) expect(clock.at(ms), String(ms)).toBe(new Date(ms).toISOString())
  })
})
