export {
  AnalyticsLog,
  AnalyticsRecordError,
  type AnalyticsTags,
  type DeclaredTags,
  openAnalyticsLog,
  type AnalyticsLogEvents,
  type AnalyticsLogOptions,
  type AnalyticsLogStats,
  type AnalyticsLogger,
  type TagSchemas,
} from './analytics-log.ts'
export { LOCK_FILE, LockError, type LockHolder } from './lock.ts'
export {
  DROP_REASONS,
  PRESSURE_REASONS,
  ROTATION_REASONS,
  type DropReason,
  type PressureReason,
  type RotationReason,
} from './metrics.ts'
export {
  listAnalyticsFiles,
  readAnalyticsFile,
  type AnalyticsFile,
  type FileContent,
} from './reader.ts'
