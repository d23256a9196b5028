import type { Migration } from 'kysely/migration'
import * as initial from './2026-11-25T000000-initial.ts'
import * as jobWatermarks from './2026-11-26T000000-job-watermarks.ts'
import * as loginAttempts from './2026-12-01T000100-login-attempts.ts'
import * as advertiserTimeZone from './2026-12-01T000200-advertiser-time-zone.ts'
import * as decisioning from './2026-12-01T000300-decisioning.ts'
import * as reportDimensions from './2026-12-02T000100-report-dimensions.ts'

/**
 * Every migration by name, oldest first. A static list rather than FileMigrationProvider, so the
 * set of migrations is what the code imports (no directory scan that picks up stray files).
 */
export const migrations: Record<string, Migration> = {
  '2026-11-25T000000-initial': initial,
  '2026-11-26T000000-job-watermarks': jobWatermarks,
  '2026-12-01T000100-login-attempts': loginAttempts,
  '2026-12-01T000200-advertiser-time-zone': advertiserTimeZone,
  '2026-12-01T000300-decisioning': decisioning,
  '2026-12-02T000100-report-dimensions': reportDimensions,
}
