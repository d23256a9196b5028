import { describe, expect, it } from 'vitest'
import { parseDuration } from './duration.ts'

describe('parseDuration', () => {
  it('reads units and their sums', () => {
    expect(parseDuration('--duration', '20s')).toBe(20_000)
    expect(parseDuration('--duration', '500ms')).toBe(500)
    expect(parseDuration('--duration', '1m30s')).toBe(90_000)
    expect(parseDuration('--duration', '1.5s')).toBe(1_500)
    expect(parseDuration('--duration', '1h')).toBe(3_600_000)
  })

  it('refuses a bare number, an unknown unit and leftovers, naming the flag', () => {
    for (const bad of ['20', '20x', '', 's', '10s junk', '-5s']) {
      expect(() => parseDuration('--ramp-up', bad)).toThrow(/^--ramp-up: ".*" is not a duration/)
    }
  })
})
