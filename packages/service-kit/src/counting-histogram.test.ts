import { Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { CountingHistogram } from './counting-histogram.ts'

const buckets = [0.001, 0.005, 0.01, 0.1]
const observations: [string, number][] = [
  ['200', 0.0005],
  ['200', 0.001], // on a bound: counted in that bucket (le)
  ['200', 0.003],
  ['200', 0.02],
  ['200', 7], // above every bound: +Inf only
  ['404', 0.0001],
]

/** Samples of an exposition as a map `name{labels sorted}` → value, whatever the label order. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>()
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)
    if (!match) continue
    const labels = (match[2] ?? '').split(',').filter(Boolean).sort().join(',')
    map.set(`${match[1]}{${labels}}`, Number(match[3]))
  }
  return map
}

describe('CountingHistogram', () => {
  it("exposes exactly what prom-client's Histogram does for the same observations", async () => {
    const ours = new Registry()
    const theirs = new Registry()
    const counting = new CountingHistogram({ name: 'd', help: 'h', buckets, registers: [ours] })
    const reference = new Histogram({
      name: 'd',
      help: 'h',
      labelNames: ['route', 'status_code'],
      buckets,
      registers: [theirs],
    })
    for (const [status, value] of observations) {
      counting.series({ route: '/x', status_code: status }).observe(value)
      reference.observe({ route: '/x', status_code: status }, value)
    }
    const expected = samples(await theirs.metrics())
    expect(expected.get('d_count{route="/x",status_code="200"}')).toBe(5)
    expect(samples(await ours.metrics())).toEqual(expected)
    expect(await ours.metrics()).toContain('# TYPE d histogram')
  })

  it('keeps one series per label set and zeroes them on reset', async () => {
    const registry = new Registry()
    const counting = new CountingHistogram({ name: 'd', help: 'h', buckets, registers: [registry] })
    counting.series({ route: '/a' }).observe(0.002)
    counting.series({ route: '/a' }).observe(0.002)
    expect(samples(await registry.metrics()).get('d_count{route="/a"}')).toBe(2)
    registry.resetMetrics()
    expect(samples(await registry.metrics()).get('d_count{route="/a"}')).toBe(0)
  })
})
