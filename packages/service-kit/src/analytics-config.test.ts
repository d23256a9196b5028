import { hostname } from 'node:os'
import { describe, expect, it } from 'vitest'
import { analyticsLogOptions } from './analytics-config.ts'

const MiB = 1024 * 1024

describe('analyticsLogOptions', () => {
  it('gives the writer the documented defaults, under the hostname when POD_NAME is unset', () => {
    expect(analyticsLogOptions({ POD_NAME: '' })).toEqual({
      root: './var/analytics',
      pod: hostname(),
      flushIntervalMs: 1000,
      maxBytes: 64 * MiB,
      maxBufferBytes: 16 * MiB,
      maxAgeHours: 72,
      totalSizeCap: 2048 * MiB,
    })
  })

  it('takes each variable, converted', () => {
    expect(
      analyticsLogOptions({
        ANALYTICS_LOG_DIR: '/var/log/hexad/analytics',
        POD_NAME: 'ad-api-7d9f-x2k4p',
        ANALYTICS_FLUSH_INTERVAL_MS: '250',
        ANALYTICS_MAX_FILE_BYTES: '1048576',
        ANALYTICS_MAX_BUFFER_BYTES: '2097152',
        ANALYTICS_MAX_AGE_HOURS: '24',
        ANALYTICS_TOTAL_SIZE_CAP_BYTES: '10485760',
      }),
    ).toEqual({
      root: '/var/log/hexad/analytics',
      pod: 'ad-api-7d9f-x2k4p',
      flushIntervalMs: 250,
      maxBytes: MiB,
      maxBufferBytes: 2 * MiB,
      maxAgeHours: 24,
      totalSizeCap: 10 * MiB,
    })
  })
})
