import { CreateCampaignBody, ReportQuery } from '@hexad/contracts/console-api'
import { describe, expect, it } from 'vitest'
import { translate } from '../i18n/index.ts'
import { brokenRules } from './field-rules.ts'
import { ruleMessage } from './rule-messages.ts'

const campaign = {
  name: 'Ueno park',
  startDate: '2026-12-01',
  endDate: '2026-12-31',
  landingUrl: 'https://coffee.example.com/ueno',
}

describe('the browser check', () => {
  it('names each broken rule as the API does (keyword and params)', () => {
    expect(
      brokenRules(CreateCampaignBody, {
        ...campaign,
        name: 'x'.repeat(201),
        landingUrl: 'http://coffee.example.com',
        weight: 1.5,
        geofence: { lat: 91, lng: 0, radiusM: 10 },
      }),
    ).toEqual({
      name: { rule: 'maxLength', params: { limit: 200 } },
      landingUrl: { rule: 'pattern', params: { pattern: '^https://' } },
      weight: { rule: 'type', params: { type: 'integer' } },
      'geofence.lat': { rule: 'maximum', params: { limit: 90 } },
      'geofence.radiusM': { rule: 'minimum', params: { limit: 50 } },
    })
  })

  it('keeps days from 1970 on, as the API does, and says so in both languages', () => {
    const broken = brokenRules(CreateCampaignBody, { ...campaign, startDate: '1969-12-31' })
    expect(broken).toEqual({
      startDate: { rule: 'formatMinimum', params: { comparison: '>=', limit: '1970-01-01' } },
    })
    const { key, values } = ruleMessage(broken.startDate!)
    expect(translate('en', key, values)).toBe('Enter a date on or after 1970-01-01.')
    expect(translate('ja', key, values)).toBe('1970-01-01 以降の日付を入力してください。')
    expect(brokenRules(ReportQuery, { from: '0000-01-01', to: '1970-01-01' })).toEqual({
      from: { rule: 'formatMinimum', params: { comparison: '>=', limit: '1970-01-01' } },
    })
  })

  it('says an impossible day is not a date, not that it is too early', () => {
    expect(brokenRules(ReportQuery, { from: '1969-02-30' })).toEqual({
      from: { rule: 'format', params: { format: 'date' } },
    })
  })
})
