import { describe, expect, it } from 'vitest'
import { en } from './en.ts'
import { detectLocale, translate } from './index.ts'
import { ja } from './ja.ts'

describe('detectLocale', () => {
  it('keeps an earlier choice', () => {
    expect(detectLocale('ja', ['en-US'])).toBe('ja')
  })
  it('takes the first browser language the console speaks', () => {
    expect(detectLocale(null, ['fr-FR', 'ja-JP', 'en'])).toBe('ja')
    expect(detectLocale('xx', ['en-GB', 'ja'])).toBe('en')
  })
  it('falls back to English', () => {
    expect(detectLocale(null, ['de'])).toBe('en')
  })
})

describe('translate', () => {
  it('fills named parameters', () => {
    expect(translate('en', 'campaigns.range', { first: 1, last: 20, total: 45 })).toBe('1–20 of 45')
    expect(translate('ja', 'campaigns.range', { first: 1, last: 20, total: 45 })).toBe(
      '45 件中 1–20 件',
    )
  })

  it('uses the same parameters in both languages', () => {
    const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(params(ja[key]), key).toEqual(params(en[key]))
    }
  })
})
