import { describe, expect, it } from 'vitest'
import { creativeReportCsv, hourlyReportCsv, reportCsv } from './csv.ts'

describe('reportCsv', () => {
  it('writes a header, one row per day and the totals, CRLF-separated', () => {
    const csv = reportCsv({
      from: '2026-11-01',
      to: '2026-11-02',
      campaignId: null,
      days: [
        { date: '2026-11-01', impressions: 1000, clicks: 12, ctr: 0.012 },
        { date: '2026-11-02', impressions: 0, clicks: 0, ctr: 0 },
      ],
      totals: { impressions: 1000, clicks: 12, ctr: 0.012 },
      asOf: null,
    })
    expect(csv).toBe(
      'date,impressions,clicks,ctr\r\n' +
        '2026-11-01,1000,12,0.012\r\n' +
        '2026-11-02,0,0,0\r\n' +
        'total,1000,12,0.012\r\n',
    )
  })

  it('rounds the CTR to four decimals', () => {
    const csv = reportCsv({
      from: '2026-11-01',
      to: '2026-11-01',
      campaignId: null,
      days: [{ date: '2026-11-01', impressions: 46, clicks: 1, ctr: 1 / 46 }],
      totals: { impressions: 46, clicks: 1, ctr: 1 / 46 },
      asOf: null,
    })
    expect(csv).toBe(
      'date,impressions,clicks,ctr\r\n2026-11-01,46,1,0.0217\r\ntotal,46,1,0.0217\r\n',
    )
  })
})

describe('the CSV by creative and by hour', () => {
  const head = { from: '2026-11-01', to: '2026-11-01', campaignId: null, asOf: null }

  it('names each creative and its campaign, quoting what needs it, with rounded CTR', () => {
    const csv = creativeReportCsv({
      ...head,
      creatives: [
        {
          creativeId: 3,
          campaignId: 1,
          campaignName: 'Shibuya, lunch',
          title: 'Say "coffee"',
          impressions: 46,
          clicks: 1,
          ctr: 1 / 46,
        },
        {
          creativeId: 9,
          campaignId: 1,
          campaignName: 'Shibuya, lunch',
          title: null,
          impressions: 4,
          clicks: 0,
          ctr: 0,
        },
      ],
      totals: { impressions: 50, clicks: 1, ctr: 0.02 },
    })
    expect(csv).toBe(
      'creative_id,creative,campaign_id,campaign,impressions,clicks,ctr\r\n' +
        '3,"Say ""coffee""",1,"Shibuya, lunch",46,1,0.0217\r\n' +
        '9,,1,"Shibuya, lunch",4,0,0\r\n' +
        'total,,,,50,1,0.02\r\n',
    )
  })

  it("writes each hour as the advertiser's clock shows it, with the offset", () => {
    const csv = hourlyReportCsv({
      ...head,
      timeZone: 'America/New_York',
      hours: [
        { hour: '2026-11-01T01:00-04:00', impressions: 3, clicks: 1, ctr: 1 / 3 },
        { hour: '2026-11-01T01:00-05:00', impressions: 0, clicks: 0, ctr: 0 },
      ],
      totals: { impressions: 3, clicks: 1, ctr: 1 / 3 },
    })
    expect(csv).toBe(
      'hour,impressions,clicks,ctr\r\n' +
        '2026-11-01T01:00-04:00,3,1,0.3333\r\n' +
        '2026-11-01T01:00-05:00,0,0,0\r\n' +
        'total,3,1,0.3333\r\n',
    )
  })
})
