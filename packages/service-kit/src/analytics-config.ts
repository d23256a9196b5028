import { hostname } from 'node:os'
import { POD_PATTERN } from '@hexad/contracts/analytics'
import type { AnalyticsLogOptions, TagSchemas } from '@hexad/analytics-log'
import Type from 'typebox'
import { type Environment, loadConfig } from './config.ts'

const MiB = 1024 * 1024

// Read only by a service that declares analytics tags: the others have no use for them.
// Listed in @hexad/analytics-log's README, which says what each one means for the writer.
const analyticsConfigSchema = Type.Object({
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
})

/**
 * The writer's options from the ANALYTICS_* variables and POD_NAME; the caller adds the tags,
 * logger and registry. Throws one ConfigError naming every bad variable.
 */
export function analyticsLogOptions(
  env: Environment,
): Omit<AnalyticsLogOptions<TagSchemas>, 'tags'> {
  const config = loadConfig(analyticsConfigSchema, env)
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
