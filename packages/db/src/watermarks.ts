import type { Db } from './database.ts'
import { fromSqlDateTime } from './time.ts'

/**
 * aggregate-reports' row of job_watermarks: every analytics record written before its position is
 * counted in daily_stats. The job writes it; console-api reads it for the reports' "as of".
 */
export const REPORTS_WATERMARK_JOB = 'aggregate-reports'

/** A job's position (epoch ms), or undefined before its first run. */
export async function readJobWatermark(db: Db, job: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('job_watermarks')
    .select('position')
    .where('job', '=', job)
    .executeTakeFirst()
  return row ? fromSqlDateTime(row.position) : undefined
}
