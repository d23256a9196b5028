import { describe, expect, it } from 'vitest'
import { reportCsv } from './csv.ts'

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
