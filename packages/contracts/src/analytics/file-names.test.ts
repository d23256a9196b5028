import { describe, expect, it } from 'vitest'
import {
  LOCK_FILE,
  POD_PATTERN,
  TAG_PATTERN,
  compareFileNames,
  fileName,
  hourKey,
  parseFileName,
  parseHourKey,
} from './file-names.ts'
import { ANALYTICS_TAGS } from './records.ts'

describe('analytics file names', () => {
  it('are <tag>.<YYYYMMDD>-<HH>.<n>.log in the UTC hour', () => {
    const hour = hourKey(Date.parse('2026-11-25T09:59:59.999Z'))
    expect(hour).toBe('20261125-09')
    expect(fileName('click', hour, 0)).toBe('click.20261125-09.0.log')
    expect(parseFileName('click.20261125-09.0.log')).toEqual({
      tag: 'click',
      hour: '20261125-09',
      index: 0,
    })
  })

  it('give back the start of their hour', () => {
    expect(parseHourKey('20261125-09')).toBe(Date.parse('2026-11-25T09:00:00Z'))
    for (const bad of ['20261125-24', '20260230-01', '2026112-09', 'x']) {
      expect(parseHourKey(bad), bad).toBeUndefined()
    }
  })

  it('read back what they write, for every tag', () => {
    for (const tag of ANALYTICS_TAGS) {
      expect(TAG_PATTERN.test(tag)).toBe(true)
      expect(parseFileName(fileName(tag, '20261125-23', 12))).toEqual({
        tag,
        hour: '20261125-23',
        index: 12,
      })
    }
  })

  it('leave out the lock and strays', () => {
    for (const name of [
      LOCK_FILE,
      'click.log',
      'Click.20261125-09.0.log',
      'click.2026112-09.0.log',
    ]) {
      expect(parseFileName(name)).toBeUndefined()
    }
  })

  it('sort by hour, then by index as a number', () => {
    const names = ['click.20261125-10.0.log', 'click.20261125-09.10.log', 'click.20261125-09.9.log']
    const sorted = names.map((n) => parseFileName(n)!).sort(compareFileNames)
    expect(sorted.map((f) => fileName(f.tag, f.hour, f.index))).toEqual([
      'click.20261125-09.9.log',
      'click.20261125-09.10.log',
      'click.20261125-10.0.log',
    ])
  })

  it('take pod names as Kubernetes spells them', () => {
    expect(POD_PATTERN.test('ad-api-7d9f-x2k4p')).toBe(true)
    for (const pod of ['', '-ad', 'ad-', 'a/b', '..']) expect(POD_PATTERN.test(pod)).toBe(false)
  })
})
