import type { S3Client } from '@aws-sdk/client-s3'
import { loadConfig } from '@hexad/service-kit'
import Type, { type Static } from 'typebox'
import { UsageError } from '../shared/cli.ts'
import { createS3Client, s3ConfigProperties } from '../shared/s3.ts'
import { folderSource } from './folder-source.ts'
import { s3Source } from './s3-source.ts'
import type { AnalyticsSource } from './sources.ts'

export const aggregateConfigSchema = Type.Object({
  // Unset: the embedded SQLite file the services use in development (see @hexad/db).
  DATABASE_URL: Type.Optional(Type.String({ minLength: 1 })),
  // Read this analytics-log folder (<dir>/<pod>/<tag>.<YYYYMMDD>-<HH>.<n>.log) instead of S3.
  ANALYTICS_LOG_DIR: Type.Optional(Type.String({ minLength: 1 })),
  ...s3ConfigProperties,
  S3_PREFIX: Type.String({ default: 'analytics/' }),
  AGGREGATE_SETTLE_MINUTES: Type.Integer({ minimum: 0, maximum: 1440, default: 15 }),
})

export type AggregateConfig = Static<typeof aggregateConfigSchema>

export function loadAggregateConfig(env = process.env): AggregateConfig {
  return loadConfig(aggregateConfigSchema, env)
}

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
