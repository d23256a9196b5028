import { describe, expect, it } from 'vitest'
import { stagesOf, type LoadPlan } from './load.ts'

const plan: LoadPlan = {
  target: new URL('http://127.0.0.1:3002'),
  connections: 12,
  rate: 600,
  rampUpMs: 10_000,
  durationMs: 30_000,
  timeoutMs: 10_000,
}

describe('stagesOf', () => {
  it('ramps up in five steps, then runs the full load for the duration', () => {
    expect(stagesOf(plan)).toEqual([
      { connections: 2, rate: 100, durationMs: 2_000 },
      { connections: 4, rate: 200, durationMs: 2_000 },
      { connections: 6, rate: 300, durationMs: 2_000 },
      { connections: 8, rate: 400, durationMs: 2_000 },
      { connections: 10, rate: 500, durationMs: 2_000 },
      { connections: 12, rate: 600, durationMs: 30_000 },
    ])
  })

  it('is one stage without a ramp, and never goes below one connection', () => {
    expect(stagesOf({ ...plan, rampUpMs: 0, rate: null })).toEqual([
      { connections: 12, rate: null, durationMs: 30_000 },
    ])
    expect(stagesOf({ ...plan, connections: 1, rate: null })[0]).toMatchObject({ connections: 1 })
  })
})
