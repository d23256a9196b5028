import { describe, expect, it } from 'vitest'
import type { EndpointResult } from './results.ts'
import { checkEndpoints, evaluateThresholds, parseThreshold } from './thresholds.ts'

function result(id: string, fields: Partial<EndpointResult>): EndpointResult {
  return {
    id,
    label: id,
    expected: [200],
    requests: 100,
    responses: 100,
    errors: 0,
    errorRate: 0,
    rps: 50,
    latencyMs: { min: 1, mean: 5, p50: 4, p75: 6, p90: 10, p99: 40, p999: 60, max: 80 },
    statusCodes: { 200: 100 },
    errorKinds: {},
    timeline: [],
    ...fields,
  }
}

describe('parseThreshold', () => {
  it('reads metric, operator, value and unit, with an optional endpoint', () => {
    expect(parseThreshold('p99<50ms')).toMatchObject({
      endpoint: 'all',
      metric: 'p99',
      op: '<',
      limit: 50,
    })
    expect(parseThreshold('ads.p90 <= 0.02s')).toMatchObject({
      endpoint: 'ads',
      op: '<=',
      limit: 20,
    })
    expect(parseThreshold('errors<0.1%')).toMatchObject({ metric: 'errors', limit: 0.1 })
    expect(parseThreshold('imp.rps>=100')).toMatchObject({ metric: 'rps', op: '>=', limit: 100 })
  })

  it('explains what is wrong with a bad expression', () => {
    expect(() => parseThreshold('p99 under 50')).toThrow(/expected \[endpoint\.\]metric<op>value/)
    expect(() => parseThreshold('p99<50')).toThrow(/p99 is a latency: give ms or s/)
    expect(() => parseThreshold('errors<1')).toThrow(/give a percentage/)
    expect(() => parseThreshold('rps>10%')).toThrow(/plain number/)
    expect(() => parseThreshold('p42<1ms')).toThrow(/unknown metric "p42"/)
  })

  it('refuses an endpoint the scenario lacks, listing the ones it has', () => {
    expect(() => checkEndpoints([parseThreshold('clicks.p99<5ms')], ['ads', 'imp'])).toThrow(
      'no endpoint "clicks" in this scenario (all, ads, imp)',
    )
  })
})

describe('evaluateThresholds', () => {
  const ads = result('ads', { errors: 1, errorRate: 0.01 })
  const total = result('all', {})

  it('judges each threshold on its endpoint or on the total', () => {
    const judged = evaluateThresholds(
      ['p99<50ms', 'ads.errors<0.1%', 'ads.errors<=1%', 'rps>60'].map(parseThreshold),
      [ads],
      total,
    )
    expect(judged.map((t) => [t.expression, t.actual, t.unit, t.passed])).toEqual([
      ['p99<50ms', 40, 'ms', true],
      ['ads.errors<0.1%', 1, '%', false],
      ['ads.errors<=1%', 1, '%', true],
      ['rps>60', 50, '/s', false],
    ])
  })

  it('fails a threshold with nothing to measure', () => {
    const idle = result('ads', { requests: 0, responses: 0, latencyMs: null })
    const judged = evaluateThresholds(
      ['ads.p99<50ms', 'ads.errors<1%'].map(parseThreshold),
      [idle],
      total,
    )
    expect(judged.map((t) => [t.actual, t.passed])).toEqual([
      [null, false],
      [null, false],
    ])
  })
})
