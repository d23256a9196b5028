import { FREQUENCY_MAX_CAMPAIGNS } from '@hexad/contracts/ads/frequency'
import { beforeEach, describe, expect, it } from 'vitest'
import { countImpression, frequencyParameter } from './frequency.ts'

// 2026-12-02 00:00 in Tokyo, as ad-api gives it for a Tokyo advertiser's campaign seen on 12-01.
const tokyoMidnight = Date.parse('2026-12-01T15:00:00Z')

describe('frequency counts', () => {
  beforeEach(() => localStorage.clear())

  it('counts per campaign and sends the counts still running', () => {
    const now = tokyoMidnight - 3_600_000
    countImpression(localStorage, 12, tokyoMidnight, now)
    countImpression(localStorage, 12, tokyoMidnight, now)
    countImpression(localStorage, 40, tokyoMidnight + 86_400_000, now)
    expect(frequencyParameter(localStorage, now)).toBe('12:2,40:1')
  })

  it('starts a count again at the instant ad-api gave, not at the reader’s own midnight', () => {
    // A reader in New York (still 12-01 10:00 there) sees the Tokyo campaign just before Tokyo's
    // midnight: its count ends with the advertiser's day.
    countImpression(localStorage, 12, tokyoMidnight, tokyoMidnight - 1)
    expect(frequencyParameter(localStorage, tokyoMidnight - 1)).toBe('12:1')
    expect(frequencyParameter(localStorage, tokyoMidnight)).toBeUndefined()
    countImpression(localStorage, 12, tokyoMidnight + 86_400_000, tokyoMidnight)
    expect(frequencyParameter(localStorage, tokyoMidnight)).toBe('12:1')
  })

  it('drops what it cannot read, and what an older tag stored', () => {
    localStorage.setItem('hexad:frequency', '{"day":"2026-12-01","seen":{"12":3}}')
    expect(frequencyParameter(localStorage, tokyoMidnight)).toBeUndefined()
    localStorage.setItem('hexad:frequency', '{"12":[3,"soon"],"x":[1,9e15],"40":[2,9e15]}')
    expect(frequencyParameter(localStorage, tokyoMidnight)).toBe('40:2')
    localStorage.setItem('hexad:frequency', 'not json')
    countImpression(localStorage, 7, tokyoMidnight, 0)
    expect(frequencyParameter(localStorage, 0)).toBe('7:1')
  })

  it(`keeps ${FREQUENCY_MAX_CAMPAIGNS} campaigns: the one just seen and the most seen others`, () => {
    countImpression(localStorage, 1, tokyoMidnight, 0)
    for (let id = 2; id <= FREQUENCY_MAX_CAMPAIGNS; id++) {
      countImpression(localStorage, id, tokyoMidnight, 0)
      countImpression(localStorage, id, tokyoMidnight, 0)
    }
    const newcomer = FREQUENCY_MAX_CAMPAIGNS + 1
    countImpression(localStorage, newcomer, tokyoMidnight, 0)
    countImpression(localStorage, newcomer, tokyoMidnight, 0)
    const pairs = frequencyParameter(localStorage, 0)!.split(',')
    expect(pairs).toHaveLength(FREQUENCY_MAX_CAMPAIGNS)
    expect(pairs).toContain(`${newcomer}:2`)
    expect(pairs).toContain('2:2')
    expect(pairs).not.toContain('1:1')
  })
})
