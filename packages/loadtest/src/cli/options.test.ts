import { describe, expect, it } from 'vitest'
import { parseOptions } from './options.ts'

const base = ['--target', 'http://127.0.0.1:3002', '--scenario', 'publisher']
const at = new Date('2026-11-25T08:09:10Z')

describe('parseOptions', () => {
  it('fills in the defaults', () => {
    const options = parseOptions(base, at)!
    expect(options.plan).toEqual({
      target: new URL('http://127.0.0.1:3002'),
      connections: 10,
      rate: null,
      rampUpMs: 0,
      durationMs: 30_000,
      timeoutMs: 10_000,
    })
    expect(options.thresholds.map((t) => t.expression)).toEqual(['p99<50ms', 'errors<0.1%'])
    expect(options.outDir).toBe('var/loadtest/publisher-20261125-080910')
    expect(options.slackRequired).toBe(false)
  })

  it('reads every flag; thresholds repeat or come comma-separated', () => {
    const options = parseOptions([
      ...base,
      ...['--duration', '20s', '--connections', '50', '--rate', '500', '--ramp-up', '10s'],
      ...[
        '--timeout',
        '2s',
        '--threshold',
        'ads.p99<20ms,imp.p99<10ms',
        '--threshold',
        'errors<1%',
      ],
      ...['--out', 'reports/run1', '--slack-webhook'],
    ])!
    expect(options.plan).toMatchObject({
      connections: 50,
      rate: 500,
      rampUpMs: 10_000,
      durationMs: 20_000,
    })
    expect(options.thresholds.map((t) => t.expression)).toEqual([
      'ads.p99<20ms',
      'imp.p99<10ms',
      'errors<1%',
    ])
    expect(options).toMatchObject({ outDir: 'reports/run1', slackRequired: true })
  })

  it('returns null for --help', () => {
    expect(parseOptions(['-h'])).toBeNull()
  })

  it.each([
    [['--scenario', 'publisher'], '--target is required'],
    [
      ['--target', 'localhost:3002', '--scenario', 'publisher'],
      '--target: localhost: is not http: or https:',
    ],
    [['--target', 'nope', '--scenario', 'publisher'], '--target: "nope" is not a URL'],
    [
      ['--target', 'http://127.0.0.1:3002/v1', '--scenario', 'publisher'],
      "--target: give the service's origin only",
    ],
    [['--target', 'http://127.0.0.1:3002'], '--scenario is required (publisher, console)'],
    [
      ['--target', 'http://127.0.0.1:3002', '--scenario', 'checkout'],
      '--scenario: no scenario "checkout"',
    ],
    [[...base, '--duration', '20'], '--duration: "20" is not a duration'],
    [[...base, '--duration', '2h'], '--duration: 2h is out of range (1 s to 3600 s)'],
    [[...base, '--ramp-up', 'soon'], '--ramp-up: "soon" is not a duration'],
    [
      [...base, '--connections', 'ten'],
      '--connections: "ten" must be a whole number from 1 to 1000',
    ],
    [[...base, '--rate', '0'], '--rate: "0" must be a whole number from 1 to 100000'],
    [[...base, '--threshold', 'p99<50'], 'p99 is a latency: give ms or s'],
    [
      [...base, '--threshold', 'reports.p99<5ms'],
      'no endpoint "reports" in this scenario (all, ads, imp, click)',
    ],
    [[...base, '--frobnicate'], 'unknown flag --frobnicate'],
    [[...base, 'extra'], "unexpected argument 'extra'"],
    [[...base, '--duration'], "Option '--duration <value>' argument missing"],
    [[...base, '--slack-webhook=https://hooks.slack.com/T/B/x'], '--slack-webhook takes no value'],
  ])('%j → %s', (args, message) => {
    expect(() => parseOptions(args)).toThrow(message)
  })
})
