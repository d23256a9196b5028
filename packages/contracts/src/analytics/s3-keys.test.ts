import { describe, expect, it } from 'vitest'
import { S3_PREFIX, parseS3Key, s3HourPrefix, s3ObjectKey } from './s3-keys.ts'

describe('S3 object keys', () => {
  const hourStart = Date.parse('2026-11-25T09:00:00Z')
  const key = { tag: 'click', hourStart, pod: 'ad-api-7d9f-x2k4p', chunkId: '5f3a0c9e1b2d4f6a' }

  it('are <prefix><tag>/dt=YYYY-MM-DD/hour=HH/<pod>-<chunk id>.gz', () => {
    expect(s3HourPrefix(S3_PREFIX, 'click', hourStart)).toBe(
      'analytics/click/dt=2026-11-25/hour=09/',
    )
    expect(s3ObjectKey(S3_PREFIX, key)).toBe(
      'analytics/click/dt=2026-11-25/hour=09/ad-api-7d9f-x2k4p-5f3a0c9e1b2d4f6a.gz',
    )
  })

  it('read back what they write, the pod ending at the last dash', () => {
    expect(parseS3Key(S3_PREFIX, s3ObjectKey(S3_PREFIX, key))).toEqual(key)
    const hexPod = { ...key, pod: 'ad-api-1-beef' }
    expect(parseS3Key('x/', s3ObjectKey('x/', hexPod))).toEqual(hexPod)
  })

  it('leave out keys of any other shape', () => {
    const good = s3ObjectKey(S3_PREFIX, key)
    for (const other of [
      `other/${good}`,
      good.replace('.gz', '.json'),
      good.replace('dt=2026-11-25', 'dt=2026-02-30'),
      good.replace('hour=09', 'hour=24'),
      good.replace('5f3a0c9e1b2d4f6a', '5F3A'),
      good.replace('ad-api-7d9f-x2k4p-', ''),
      good.replace('click', 'Click'),
    ]) {
      expect(parseS3Key(S3_PREFIX, other), other).toBeUndefined()
    }
  })
})
