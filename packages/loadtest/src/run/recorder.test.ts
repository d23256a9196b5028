import { describe, expect, it } from 'vitest'
import { createRecorder } from './recorder.ts'

const specs = [
  { id: 'ads', label: 'GET /v1/ads', expect: [200, 204] },
  { id: 'imp', label: 'GET /v1/imp/:token', expect: [204] },
]

/** A recorder on a clock the test moves by hand. */
function recorderAt() {
  const clock = { ms: 0 }
  const recorder = createRecorder(specs, { bucketMs: 1000, now: () => clock.ms })
  return { clock, recorder }
}

describe('createRecorder', () => {
  it('counts statuses and judges them by each endpoint’s expected codes', () => {
    const { clock, recorder } = recorderAt()
    recorder.response('ads', 200, 2)
    recorder.response('ads', 204, 4)
    recorder.response('ads', 500, 6)
    recorder.response('imp', 204, 1)
    clock.ms = 2000
    const { endpoints, total, elapsedSeconds } = recorder.finish()
    const [ads, imp] = endpoints
    expect(elapsedSeconds).toBe(2)
    expect(ads).toMatchObject({ requests: 3, errors: 1, statusCodes: { 200: 1, 204: 1, 500: 1 } })
    expect(ads?.errorKinds).toEqual({ 'status 500': 1 })
    expect(ads?.errorRate).toBeCloseTo(1 / 3)
    expect(ads?.rps).toBe(1.5)
    expect(imp).toMatchObject({ requests: 1, errors: 0 })
    expect(total).toMatchObject({ requests: 4, errors: 1, errorKinds: { 'ads: status 500': 1 } })
  })

  it('counts transport errors as requests and bad bodies as errors of a response', () => {
    const { clock, recorder } = recorderAt()
    recorder.transportError('imp', 'timeout')
    recorder.response('ads', 200, 3)
    recorder.badResponse('ads', 'bad body')
    clock.ms = 1000
    const [ads, imp] = recorder.finish().endpoints
    expect(imp).toMatchObject({
      requests: 1,
      responses: 0,
      errors: 1,
      errorRate: 1,
      latencyMs: null,
    })
    expect(ads).toMatchObject({
      requests: 1,
      responses: 1,
      errors: 1,
      errorKinds: { 'bad body': 1 },
    })
  })

  it('keeps a timeline with a point for every bucket, empty ones included', () => {
    const { clock, recorder } = recorderAt()
    recorder.response('ads', 200, 10)
    recorder.response('ads', 200, 30)
    clock.ms = 2500 // nothing in the second bucket
    recorder.response('ads', 200, 20)
    recorder.transportError('ads', 'ECONNRESET')
    clock.ms = 3000
    const timeline = recorder.finish().endpoints[0]!.timeline
    expect(timeline.map((p) => [p.t, p.responses, p.errors, p.rps])).toEqual([
      [0, 2, 0, 2],
      [1, 0, 0, 0],
      [2, 1, 1, 1],
    ])
    // Per-bucket histograms keep two significant digits: values within 1 %.
    expect(timeline[0]?.p50).toBeCloseTo(10, 0)
    expect(timeline[0]?.max).toBeCloseTo(30, 0)
    expect(timeline[0]?.statusCodes).toEqual({ 200: 2 })
    expect(timeline[1]).toMatchObject({ p50: null, p99: null, max: null })
  })

  it('measures a partial last bucket over its own length', () => {
    const { clock, recorder } = recorderAt()
    clock.ms = 1200
    recorder.response('ads', 200, 1)
    clock.ms = 1500
    const last = recorder.finish().endpoints[0]!.timeline.at(-1)
    expect(last).toMatchObject({ t: 1, responses: 1, rps: 2 })
  })

  it('keeps sub-millisecond latencies', () => {
    const { recorder } = recorderAt()
    recorder.response('imp', 204, 0.25)
    expect(recorder.finish().endpoints[1]?.latencyMs?.p50).toBeCloseTo(0.25, 2)
  })
})
