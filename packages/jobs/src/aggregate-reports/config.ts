import type { S3Client } from '@aws-sdk/client-s3'
import { S3_PREFIX } from '@hexad/contracts/analytics'
import { UsageError } from '../shared/cli.ts'
import { readEnv } from '../shared/env.ts'
import { createS3Client, s3Env } from '../shared/s3.ts'
import { folderSource } from './folder-source.ts'
import { s3Source } from './s3-source.ts'
import type { AnalyticsSource } from './sources.ts'

export function loadAggregateConfig(env = process.env) {
  const values = readEnv(
    {
      // Unset: the embedded SQLite file the services use in development (see @hexad/db).
      DATABASE_URL: {},
      // Read this analytics-log folder (<dir>/<pod>/<tag>.<YYYYMMDD>-<HH>.<n>.log) instead of S3.
      ANALYTICS_LOG_DIR: {},
      ...s3Env,
      S3_PREFIX: { default: S3_PREFIX },
      // fluentd's timekey 5m + timekey_wait 1m, plus room for the upload (README: reporting delay).
      AGGREGATE_SETTLE_MINUTES: {
        default: '10',
        pattern: /^\d{1,4}$/,
        expected: 'whole minutes, 0 to 1440',
      },
      // ad-api's: a beacon is refused after it, which bounds the de-duplication window.
      AD_TOKEN_TTL_SECONDS: { default: '3600', pattern: /^[1-9]\d{0,5}$/, expected: 'seconds' },
    },
    env,
  )
  const settle = Number(values.AGGREGATE_SETTLE_MINUTES)
  if (settle > 1440) throw new UsageError('AGGREGATE_SETTLE_MINUTES: must be 0 to 1440')
  return {
    ...values,
    S3_PREFIX: values.S3_PREFIX as string,
    AGGREGATE_SETTLE_MINUTES: settle,
    AD_TOKEN_TTL_SECONDS: Number(values.AD_TOKEN_TTL_SECONDS),
  }
}

export type AggregateConfig = ReturnType<typeof loadAggregateConfig>

/** The folder when ANALYTICS_LOG_DIR is set, S3 when S3_BUCKET is; exactly one of them. */
export function createSource(
  config: AggregateConfig,
  client: (config: AggregateConfig) => S3Client = createS3Client,
): AnalyticsSource {
  if (config.ANALYTICS_LOG_DIR && config.S3_BUCKET) {
    throw new UsageError('set ANALYTICS_LOG_DIR (a folder) or S3_BUCKET (S3), not both')
  }
  if (config.ANALYTICS_LOG_DIR) return folderSource(config.ANALYTICS_LOG_DIR)
  if (config.S3_BUCKET) return s3Source(client(config), config.S3_BUCKET, config.S3_PREFIX)
  throw new UsageError('set ANALYTICS_LOG_DIR (a folder) or S3_BUCKET (S3) to say what to read')
}
