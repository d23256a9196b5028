import { hostname } from 'node:os'
import { POD_PATTERN } from '@hexad/contracts/analytics'
import Type, { type Static } from 'typebox'
import type { AnalyticsLogOptions, TagSchemas } from './analytics-log.ts'

const MiB = 1024 * 1024

/**
 * The variables a service that writes analytics records adds to its config schema:
 * `serviceConfigSchema({ ...analyticsConfigProperties, ...own })`. Listed in README.md.
 */
export const analyticsConfigProperties = {
  ANALYTICS_LOG_DIR: Type.String({ default: './var/analytics' }),
  // From the downward API (fieldRef metadata.name); empty means the hostname, which in a pod is
  // the pod name too.
  POD_NAME: Type.String({ default: '', pattern: `^$|${POD_PATTERN.source}` }),
  ANALYTICS_FLUSH_INTERVAL_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1000 }),
  ANALYTICS_MAX_FILE_BYTES: Type.Integer({ minimum: 64 * 1024, default: 64 * MiB }),
  ANALYTICS_MAX_BUFFER_BYTES: Type.Integer({ minimum: 64 * 1024, default: 16 * MiB }),
  // Must exceed the shipper's worst lag, or files are deleted before fluentd has read them.
  ANALYTICS_MAX_AGE_HOURS: Type.Integer({ minimum: 1, default: 72 }),
  ANALYTICS_TOTAL_SIZE_CAP_BYTES: Type.Integer({ minimum: 1 * MiB, default: 2048 * MiB }),
}

export const analyticsConfigSchema = Type.Object(analyticsConfigProperties)
export type AnalyticsConfig = Static<typeof analyticsConfigSchema>

/** The writer's options from the loaded config; the caller adds tags, logger and registry. */
export function analyticsLogOptions(
  config: AnalyticsConfig,
): Omit<AnalyticsLogOptions<TagSchemas>, 'tags'> {
  return {
    root: config.ANALYTICS_LOG_DIR,
    pod: config.POD_NAME || hostname(),
    flushIntervalMs: config.ANALYTICS_FLUSH_INTERVAL_MS,
    maxBytes: config.ANALYTICS_MAX_FILE_BYTES,
    maxBufferBytes: config.ANALYTICS_MAX_BUFFER_BYTES,
    maxAgeHours: config.ANALYTICS_MAX_AGE_HOURS,
    totalSizeCap: config.ANALYTICS_TOTAL_SIZE_CAP_BYTES,
  }
}
